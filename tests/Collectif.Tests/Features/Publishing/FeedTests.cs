using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Collectif.Tests.Features.Publishing;

public class FeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<SyndicationFeed> FeedAsync(string url)
    {
        var response = await app.Anonymous("fr").GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task The_atom_feed_lists_published_statements_newest_first_and_parses()
    {
        var feed = await FeedAsync("/feeds/statements.atom");

        feed.Title.Text.ShouldBe("Collectif National pour une Paix Juste et Durable entre Palestiniens et Israéliens");
        feed.Items.Count().ShouldBe(9);
        var first = feed.Items.First();
        first.Title.Text.ShouldBe("Libérez Omar Alsoumi, militant franco-palestinien !");
        first.Links.Single().Uri.AbsolutePath.ShouldBe("/statements/liberez-omar-alsoumi");
        ((TextSyndicationContent)first.Content).Text.ShouldContain("<p>Le Collectif National pour une Paix Juste et Durable");
        feed.Items.Select(i => i.PublishDate).ShouldBe(feed.Items.Select(i => i.PublishDate).OrderDescending());
    }

    [Fact]
    public async Task A_feed_per_kind_has_only_that_kind()
    {
        var letters = await FeedAsync("/feeds/statements/openletter.atom");

        letters.Items.Select(i => i.Title.Text).ShouldBe(["Lettre au Président de la République française / Demande de mesures fortes et concrètes pour mettre fin à l’agression israélienne contre le peuple palestinien"]);
        (await app.Anonymous().GetAsync("/feeds/statements/poems.atom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_feed_per_organization_has_the_statements_it_signed()
    {
        var cgt = await FeedAsync("/feeds/organizations/cgt.atom");

        cgt.Items.Select(i => i.Title.Text).ShouldBe(["Libérez Omar Alsoumi, militant franco-palestinien !"]);
        (await app.Anonymous().GetAsync("/feeds/organizations/nobody.atom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Anonymous().GetDocumentAsync("/organizations/cgt")).QuerySelector("link[rel=alternate][href='/feeds/organizations/cgt.atom']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_sitemap_lists_statements_and_organizations()
    {
        var xml = XDocument.Parse(await app.Anonymous().GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var locations = xml.Descendants(ns + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        locations.ShouldContain("/statements/liberez-omar-alsoumi");
        locations.ShouldContain("/organizations/cgt");
        locations.Count.ShouldBe(6 + 9 + 49); // pages (home, lists, press, …), statements, organizations
    }

    [Fact]
    public async Task A_statement_page_describes_itself_to_social_networks_and_search_engines()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/statements/lettre-au-president-de-la-republique");

        page.QuerySelector("meta[property='og:title']")!.GetAttribute("content")!.ShouldStartWith("Lettre au Président de la République");
        page.QuerySelector("meta[property='og:type']")!.GetAttribute("content").ShouldBe("article");
        page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!.ShouldEndWith("/statements/lettre-au-president-de-la-republique");
        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        jsonLd.GetProperty("@type").GetString().ShouldBe("CreativeWork");
        jsonLd.GetProperty("genre").GetString().ShouldBe("open letter");
        jsonLd.GetProperty("datePublished").GetString().ShouldBe("2025-08-31T09:00:00Z");
        page.QuerySelector("link[rel=alternate][type='application/atom+xml']").ShouldNotBeNull();
    }
}
