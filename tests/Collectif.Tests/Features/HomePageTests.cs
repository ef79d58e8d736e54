using System.Net;

namespace Collectif.Tests.Features;

public class HomePageTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Home_page_shows_the_coalition_and_its_latest_statements_with_excerpts()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/");

        page.Text("h1").ShouldBe("Collectif National pour une Paix Juste et Durable entre Palestiniens et Israéliens");
        page.Text(".brand-acronym").ShouldBe("CNPJDPI");
        var titles = page.QuerySelectorAll(".card h3").Select(h => h.TextContent.Trim()).ToList();
        titles.Count.ShouldBe(6);
        titles[0].ShouldBe("Libérez Omar Alsoumi, militant franco-palestinien !");
        titles[1].ShouldBe("Pétition : abandon des poursuites contre Omar Alsoumi");
        titles[2].ShouldStartWith("Cessez-le-feu précaire à Gaza");
        page.QuerySelectorAll(".card p").Select(p => p.TextContent).ShouldContain(t => t.Contains("Le cessez-le feu à Gaza, signé le 13 octobre"));
        page.Text("#latest").ShouldBe("Articles les plus récents");
        page.Text(".intro a").ShouldBe("48 organisations membres");
    }

    [Fact]
    public async Task Home_page_speaks_english_when_the_browser_asks_for_it()
    {
        var page = await app.Anonymous("en-GB,en;q=0.9").GetDocumentAsync("/");

        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.Text("h1").ShouldBe("National Collective for a Just and Lasting Peace Between Palestinians and Israelis");
        page.Text("#latest").ShouldBe("Most recent");
        page.Text(".skip-link").ShouldBe("Skip to content");
    }

    [Fact]
    public async Task French_is_the_default_language()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();

        var page = await client.GetDocumentAsync("/");

        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.Text(".skip-link").ShouldBe("Aller au contenu");
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_that_wins_over_the_browser_language()
    {
        var client = app.Anonymous("fr");

        var response = await client.GetAsync("/language/en?returnUrl=%2Forganizations%3Fq%3Dcgt");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/organizations?q=cgt");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-collectif.lang=", StringComparison.Ordinal));

        var request = new HttpRequestMessage(HttpMethod.Get, "/organizations");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var page = await (await client.SendAsync(request)).ReadDocumentAsync();
        page.Text("h1").ShouldBe("Organizations");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_language_switch_never_redirects_elsewhere(string returnUrl)
    {
        var response = await app.Anonymous().GetAsync($"/language/fr?returnUrl={Uri.EscapeDataString(returnUrl)}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/statements")]
    [InlineData("/statements/liberez-omar-alsoumi")]
    [InlineData("/organizations")]
    [InlineData("/organizations/cgt")]
    [InlineData("/mobilizations")]
    [InlineData("/press")]
    [InlineData("/login")]
    [InlineData("/logout")]
    public async Task Public_pages_answer_with_a_whole_accessible_page(string url)
    {
        var page = await app.Anonymous("fr").GetDocumentAsync(url);

        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.Title.ShouldNotBeNullOrWhiteSpace();
        page.QuerySelector("a.skip-link[href='#main']").ShouldNotBeNull();
        page.QuerySelector("main#main h1").ShouldNotBeNull();
        page.QuerySelector("nav[aria-label]").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_language_is_a_clear_404()
    {
        var response = await app.Anonymous().GetAsync("/language/xx");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Supported languages are fr and en");
    }
}
