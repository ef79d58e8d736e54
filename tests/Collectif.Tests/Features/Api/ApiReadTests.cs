using System.Net;
using System.Text.Json;
using Collectif.Features.Mobilizations;
using Collectif.Features.Statements;

namespace Collectif.Tests.Features.Api;

/// <summary>The public read API over HTTP: filters, paging with links, ETags, ProblemDetails for bad input, and the OpenAPI document.</summary>
public class ApiReadTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string[]> StatementsAsync(string tag)
    {
        var slugs = new[] { $"{tag}-a", $"{tag}-b", $"{tag}-draft", $"{tag}-c" };
        await app.WithDbAsync(async db =>
        {
            Statement Make(string slug, StatementKind kind, string language, DateTime? published, StatementStatus status = StatementStatus.Published)
            {
                var statement = new Statement { Slug = slug, Kind = kind, Language = language, Title = "Titre " + slug, Body = "Le texte de **" + slug + "**.", PublishedAt = published, Status = status, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
                statement.Tags.Add(new StatementTag { Name = tag, Slug = tag });
                return statement;
            }

            db.Statements.AddRange(
                Make(slugs[0], StatementKind.Communique, "fr", new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc)),
                Make(slugs[1], StatementKind.OpenLetter, "en", new DateTime(2026, 2, 3, 9, 0, 0, DateTimeKind.Utc)),
                Make(slugs[2], StatementKind.Communique, "fr", null, StatementStatus.Draft),
                Make(slugs[3], StatementKind.Communique, "fr", new DateTime(2026, 2, 2, 9, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        });
        return slugs;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static string[] Slugs(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();

    [Fact]
    public async Task Statements_are_listed_newest_first_filtered_and_paged_with_links_and_drafts_stay_out()
    {
        var tag = NewTag();
        var slugs = await StatementsAsync(tag);
        var client = app.Anonymous();

        var all = await JsonAsync(await client.GetAsync($"/api/statements?tag={tag}"));
        Slugs(all).ShouldBe([slugs[1], slugs[3], slugs[0]]);
        all.GetProperty("total").GetInt32().ShouldBe(3);
        all.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("OpenLetter");
        all.GetProperty("items")[0].GetProperty("url").GetString().ShouldBe($"/statements/{slugs[1]}");

        Slugs(await JsonAsync(await client.GetAsync($"/api/statements?tag={tag}&kind=communique"))).ShouldBe([slugs[3], slugs[0]]);
        Slugs(await JsonAsync(await client.GetAsync($"/api/statements?tag={tag}&language=en"))).ShouldBe([slugs[1]]);
        Slugs(await JsonAsync(await client.GetAsync($"/api/statements?tag={tag}&since=2026-02-02T00:00:00Z"))).ShouldBe([slugs[1], slugs[3]]);

        var first = await client.GetAsync($"/api/statements?tag={tag}&pageSize=2");
        Slugs(await JsonAsync(first)).ShouldBe([slugs[1], slugs[3]]);
        var next = first.Headers.GetValues("Link").Single();
        next.ShouldContain("rel=\"next\"");
        var nextUrl = next[(next.IndexOf('<') + 1)..next.IndexOf('>')];
        nextUrl.ShouldContain($"tag={tag}");
        var second = await client.GetAsync(nextUrl);
        Slugs(await JsonAsync(second)).ShouldBe([slugs[0]]);
        second.Headers.GetValues("Link").Single().ShouldContain("rel=\"prev\"");

        (await client.GetAsync($"/api/statements/{slugs[2]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // the draft
    }

    [Fact]
    public async Task A_statement_carries_its_text_as_markdown_and_html_its_kind_fields_and_its_links()
    {
        var tag = NewTag();
        var slugs = await StatementsAsync(tag);
        await app.WithDbAsync(async db =>
        {
            var letter = db.Statements.Single(s => s.Slug == slugs[1]);
            letter.Addressee = "Madame la Préfète";
            letter.Subject = "Interdiction du rassemblement";
            letter.LetterDate = new DateOnly(2026, 2, 3);
            await db.SaveChangesAsync();
        });

        var document = await JsonAsync(await app.Anonymous().GetAsync($"/api/statements/{slugs[1]}"));
        document.GetProperty("body").GetString().ShouldBe($"Le texte de **{slugs[1]}**.");
        document.GetProperty("html").GetString()!.ShouldContain($"<strong>{slugs[1]}</strong>");
        document.GetProperty("letter").GetProperty("addressee").GetString().ShouldBe("Madame la Préfète");
        document.GetProperty("letter").GetProperty("date").GetString().ShouldBe("2026-02-03");
        document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe([tag]);
        document.GetProperty("links").GetProperty("signatories").GetString().ShouldBe($"/api/statements/{slugs[1]}/signatories");
        document.GetProperty("petition").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Answers_carry_an_etag_and_a_client_that_sends_it_back_gets_304_until_the_data_changes()
    {
        var tag = NewTag();
        var slugs = await StatementsAsync(tag);
        var client = app.Anonymous();
        var url = $"/api/statements/{slugs[0]}";

        var first = await client.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag.ShouldNotBeNull();
        first.Headers.CacheControl!.Public.ShouldBeTrue();

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        await app.WithDbAsync(async db =>
        {
            db.Statements.Single(s => s.Slug == slugs[0]).Title = "Titre corrigé";
            await db.SaveChangesAsync();
        });
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, url);
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterChange);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag.ShouldNotBe(etag);
        (await JsonAsync(changed)).GetProperty("title").GetString().ShouldBe("Titre corrigé");
    }

    [Theory]
    [InlineData("/api/statements?page=0", "Invalid paging")]
    [InlineData("/api/statements?pageSize=501", "Invalid paging")]
    [InlineData("/api/statements?page=abc", "page")]
    [InlineData("/api/statements?kind=2", "kind must be one of")]
    [InlineData("/api/statements?language=de", "language must be one of")]
    [InlineData("/api/statements?since=yesterday", "since")]
    [InlineData("/api/mobilizations?status=Exploded", "status must be one of")]
    [InlineData("/api/mobilizations?from=31/12/2026", "from")]
    [InlineData("/api/organizations?pageSize=-1", "Invalid paging")]
    public async Task Bad_queries_get_a_400_problem_that_names_what_was_wrong(string url, string expected)
    {
        var response = await app.Anonymous().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        text.ShouldContain(expected);
        text.ShouldNotContain("   at "); // no stack trace
    }

    [Fact]
    public async Task Mobilizations_are_listed_by_city_and_status_with_their_gatherings_history_and_turnout()
    {
        var tag = NewTag();
        await app.WithDbAsync(async db =>
        {
            var at = new DateTime(2026, 3, 21, 13, 30, 0, DateTimeKind.Utc);
            var published = new Mobilization { Slug = tag, Title = "Journée " + tag, Kind = MobilizationKind.Rally, Published = true, CreatedAt = at, UpdatedAt = at };
            var paris = new Gathering { City = "Paris", PlaceName = "Place de la République", StartsAt = at, Status = MobilizationStatus.Banned };
            paris.Turnout.Add(new TurnoutEstimate { SourceKind = TurnoutSource.Organizers, Low = 30000 });
            paris.Turnout.Add(new TurnoutEstimate { SourceKind = TurnoutSource.Police, Low = 8000, High = 9500 });
            published.Gatherings.Add(paris);
            published.Gatherings.Add(new Gathering { City = "Saint-Étienne", StartsAt = at.AddHours(1), Status = MobilizationStatus.Declared });
            published.StatusChanges.Add(new StatusChange { Status = MobilizationStatus.Banned, At = at.AddDays(-2), Gathering = paris, Authority = "Préfecture de police" });
            db.Mobilizations.AddRange(published, new Mobilization { Slug = tag + "-hidden", Title = "Brouillon", Published = false, CreatedAt = at, UpdatedAt = at });
            await db.SaveChangesAsync();
        });
        var client = app.Anonymous();

        Slugs(await JsonAsync(await client.GetAsync("/api/mobilizations?city=saint-etienne&pageSize=500"))).ShouldContain(tag);
        Slugs(await JsonAsync(await client.GetAsync("/api/mobilizations?city=saint-etienne&status=Banned&pageSize=500"))).ShouldNotContain(tag);
        Slugs(await JsonAsync(await client.GetAsync("/api/mobilizations?city=paris&status=banned&from=2026-03-21T00:00:00Z&to=2026-03-22T00:00:00Z&pageSize=500"))).ShouldContain(tag);
        Slugs(await JsonAsync(await client.GetAsync("/api/mobilizations?pageSize=500"))).ShouldNotContain(tag + "-hidden");

        var document = await JsonAsync(await client.GetAsync($"/api/mobilizations/{tag}"));
        var gatherings = document.GetProperty("gatherings").EnumerateArray().ToList();
        gatherings.Select(g => g.GetProperty("city").GetString()).ShouldBe(["Paris", "Saint-Étienne"]);
        gatherings[0].GetProperty("status").GetString().ShouldBe("Banned");
        gatherings[0].GetProperty("turnout").EnumerateArray().Select(t => (t.GetProperty("source").GetString(), t.GetProperty("low").GetInt32())).ShouldBe([("Organizers", 30000), ("Police", 8000)]);
        document.GetProperty("history")[0].GetProperty("authority").GetString().ShouldBe("Préfecture de police");
        document.GetProperty("calendar").GetString().ShouldBe($"/mobilizations/{tag}.ics");
        (await client.GetAsync($"/api/mobilizations/{tag}-hidden")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_reference_page_shows_every_endpoint_of_the_openapi_document_in_the_readers_language()
    {
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var expected = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToList();
        expected.Count.ShouldBeGreaterThan(5);

        var page = await app.Anonymous("fr").GetDocumentAsync("/developers");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Référence de l’API");
        page.QuerySelectorAll("article.api-operation h3").Select(h => h.TextContent).Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        page.QuerySelector("#schema-StatementDocument").ShouldNotBeNull();
    }

    /// <summary>
    /// The OpenAPI document is compared with the committed copy so that changing the API is a
    /// deliberate act: after a wanted change, run with COLLECTIF_UPDATE_SNAPSHOTS=1 and commit the file.
    /// </summary>
    [Fact]
    public async Task The_openapi_document_matches_the_committed_snapshot()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        var served = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, served);
        var document = JsonDocument.Parse(served).RootElement;
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        document.GetProperty("paths").TryGetProperty("/api/statements", out _).ShouldBeTrue();
        document.GetProperty("paths").EnumerateObject().ShouldAllBe(p => p.Name.StartsWith("/api/", StringComparison.Ordinal));

        var pretty = JsonSerializer.Serialize(document, Indented) + "\n";
        var path = Path.Combine(Repository.Root, "docs", "openapi.v1.json");
        if (Environment.GetEnvironmentVariable("COLLECTIF_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, pretty);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "(missing)";
        pretty.ShouldBe(committed, "The API changed: if on purpose, run the test with COLLECTIF_UPDATE_SNAPSHOTS=1 and commit docs/openapi.v1.json.");
    }
}
