using System.Globalization;
using System.Net;
using Collectif.Features.Statements;

namespace Collectif.Tests.Features.Statements;

/// <summary>The statements list a page at a time: ten years of communiqués are thousands of texts.</summary>
public sealed class StatementListPagingTests : IAsyncLifetime
{
    private readonly CollectifApp _app = new();
    private List<string> _newestFirst = [];

    public async ValueTask InitializeAsync()
    {
        // 65 published texts (every third an open letter), one a day, plus the one unpublished draft that must never show.
        var start = new DateTime(2024, 11, 15, 9, 0, 0, DateTimeKind.Utc); // into January 2025
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 65; i++)
            {
                var statement = new Statement
                {
                    Slug = "texte-" + i.ToString("00", CultureInfo.InvariantCulture),
                    Kind = i % 3 == 0 ? StatementKind.OpenLetter : StatementKind.Communique,
                    Title = "Texte numéro " + i.ToString(CultureInfo.InvariantCulture),
                    Body = "Le corps du texte numéro " + i.ToString(CultureInfo.InvariantCulture) + ".",
                    PublishedAt = start.AddDays(i),
                    CreatedAt = start,
                };
                statement.Revisions.Add(StatementRevision.Initial(statement, start));
                db.Statements.Add(statement);
            }

            db.Statements.Add(new Statement { Slug = "brouillon", Title = "Brouillon", Status = StatementStatus.Draft, CreatedAt = start });
            await db.SaveChangesAsync();
        });
        _newestFirst = [.. Enumerable.Range(0, 65).Reverse().Select(i => "texte-" + i.ToString("00", CultureInfo.InvariantCulture))];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Following_the_older_links_shows_every_published_text_once_newest_first()
    {
        var client = _app.Anonymous("fr");
        var seen = new List<string>();
        string? next = "/statements";
        var pages = 0;
        while (next is not null)
        {
            var page = await client.GetDocumentAsync(next);
            var slugs = page.QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")!.Replace("/statements/", "")).ToList();
            slugs.Count.ShouldBeLessThanOrEqualTo(IndexModel.PageSize);
            seen.AddRange(slugs);
            pages++;
            page.Text(".pager span").ShouldBe($"Page {pages}");
            (page.QuerySelector(".pager a[rel=prev]") is not null).ShouldBe(pages > 1);
            next = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
            next?.ShouldBe("/statements?page=" + (pages + 1));
            page.QuerySelector(".pager a[rel=next]")?.TextContent.ShouldBe("Textes plus anciens");
        }

        pages.ShouldBe(3); // 30 + 30 + 5
        seen.ShouldBe(_newestFirst);
    }

    [Fact]
    public async Task The_pages_keep_the_filters()
    {
        var client = _app.Anonymous();
        var first = await client.GetDocumentAsync("/statements?kind=Communique");
        var older = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        older.ShouldBe("/statements?kind=Communique&page=2");

        var second = await client.GetDocumentAsync(older);
        var slugs = second.QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")!.Replace("/statements/", "")).ToList();
        slugs.ShouldBe(_newestFirst.Where(s => int.Parse(s[6..], CultureInfo.InvariantCulture) % 3 != 0).Skip(30)); // 43 communiqués: 13 on page 2
        second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href").ShouldBe("/statements?kind=Communique");
        second.QuerySelector(".pager a[rel=next]").ShouldBeNull();
    }

    [Fact]
    public async Task A_page_past_the_end_says_so_and_links_back_to_the_newest()
    {
        var page = await _app.Anonymous("en").GetDocumentAsync("/statements?page=9");

        page.QuerySelectorAll(".card").Length.ShouldBe(0);
        page.Body!.TextContent.ShouldContain("There is no statement on this page.");
        page.QuerySelector("main p a[href='/statements']")!.TextContent.ShouldBe("Back to the newest statements");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public async Task A_page_number_that_is_not_one_is_refused_in_the_readers_language(string page)
    {
        var response = await _app.Anonymous("fr").GetAsync("/statements?page=" + Uri.EscapeDataString(page));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error").ShouldBe("Le numéro de page n’est pas valide.");
    }

    [Fact]
    public async Task The_year_choices_cover_the_whole_archive_and_filter_it()
    {
        var page = await _app.Anonymous().GetDocumentAsync("/statements");
        page.QuerySelectorAll("#year option").Select(o => o.TextContent).Skip(1).ShouldBe(["2025", "2024"]);

        var from2024 = await _app.Anonymous().GetDocumentAsync("/statements?year=2024&page=2");
        from2024.QuerySelectorAll(".card time").Select(t => t.GetAttribute("datetime")!).ShouldAllBe(d => d.StartsWith("2024-"));
        from2024.QuerySelectorAll(".card").Length.ShouldBe(47 - 30); // 15 November to 31 December
    }
}
