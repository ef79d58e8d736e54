using System.Net;
using Collectif.Features.Search;
using Collectif.Features.Statements;

namespace Collectif.Tests.Features.Search;

public class SearchTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private async Task<string> PublishAsync(string title, string body, StatementStatus status = StatementStatus.Published)
    {
        var slug = "s-" + Guid.NewGuid().ToString("N")[..10];
        await app.WithDbAsync(async db =>
        {
            var statement = new Statement { Slug = slug, Title = title, Body = body, Status = status, PublishedAt = app.Clock.GetUtcNow().UtcDateTime };
            statement.Revisions.Add(StatementRevision.Initial(statement, statement.PublishedAt.Value));
            db.Statements.Add(statement);
            await db.SaveChangesAsync();
        });
        return slug;
    }

    private async Task<List<string>> SearchAsync(string query)
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")!.Replace("/statements/", "")).ToList();
    }

    [Fact]
    public async Task Words_are_found_without_accents_case_or_ending_and_marked_in_the_passage()
    {
        var marker = "zorbul" + Guid.NewGuid().ToString("N")[..6];
        var slug = await PublishAsync("Égalité des droits", $"Le collectif {marker}é appelle à l’Égalité réelle et à la mobilisation générale.");

        (await SearchAsync(marker.ToUpperInvariant() + "E egalite")).ShouldBe([slug]);
        (await SearchAsync(marker + " mobilis")).ShouldBe([slug]);

        var page = await app.Anonymous("fr").GetDocumentAsync("/search?q=" + marker + "+egalite");
        page.QuerySelectorAll(".search-results mark").Select(m => m.TextContent).ShouldBe(["Égalité", marker + "é", "Égalité"]);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_passing_mention_and_drafts_and_withdrawn_texts_are_never_found()
    {
        var marker = "quorvex" + Guid.NewGuid().ToString("N")[..6];
        var mention = await PublishAsync("Communiqué de soutien", $"Un long texte sur bien des sujets, qui cite {marker} une fois parmi beaucoup d’autres mots encore.");
        var titled = await PublishAsync($"Solidarité {marker}", $"Le texte parle de {marker}.");
        await PublishAsync($"Brouillon {marker}", "Pas encore public.", StatementStatus.Draft);
        await PublishAsync($"Retiré {marker}", "Retiré.", StatementStatus.Withdrawn);

        (await SearchAsync(marker)).ShouldBe([titled, mention]);
    }

    [Fact]
    public async Task Edits_are_searchable_at_once_and_old_words_disappear()
    {
        var before = "vexbrun" + Guid.NewGuid().ToString("N")[..6];
        var after = "plimtor" + Guid.NewGuid().ToString("N")[..6];
        var slug = await PublishAsync("Texte", $"Premier mot {before}.");
        await app.WithDbAsync(async db =>
        {
            var statement = db.Statements.Single(s => s.Slug == slug);
            statement.Body = $"Nouveau mot {after}.";
            await db.SaveChangesAsync();
        });

        (await SearchAsync(before)).ShouldBeEmpty();
        (await SearchAsync(after)).ShouldBe([slug]);
    }

    [Theory]
    [InlineData("\" OR 1=1 --")]
    [InlineData("NEAR(a b) * ^ : -x")]
    [InlineData("'; DROP TABLE \"Statements\"; --")]
    [InlineData("a & b | !c <-> d")]
    public async Task Query_syntax_and_injection_attempts_are_just_words(string query)
    {
        var response = await app.Anonymous().GetAsync("/search?q=" + Uri.EscapeDataString(query));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Exception");
    }

    [Fact]
    public async Task An_empty_or_too_long_query_is_explained()
    {
        var tooLong = await app.Anonymous("fr").GetAsync("/search?q=" + new string('a', 201));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ReadDocumentAsync()).Text("[role=alert]").ShouldBe("La recherche est trop longue (200 caractères au plus).");

        var noWord = await app.Anonymous("en").GetAsync("/search?q=" + Uri.EscapeDataString("« ! »"));
        noWord.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noWord.ReadDocumentAsync()).Text("[role=alert]").ShouldBe("Type at least one word of two letters or more.");
    }

    [Fact]
    public void The_passage_is_cut_at_words_around_the_first_match_and_html_is_encoded()
    {
        var text = string.Join(' ', Enumerable.Range(1, 80).Select(i => $"mot{i}")) + " <b>cible</b> " + string.Join(' ', Enumerable.Range(1, 80).Select(i => $"fin{i}"));

        var html = StatementSearch.Highlight(text, ["cible"], 120).ToString()!;

        html.ShouldStartWith("(…) mot");
        html.ShouldEndWith(" (…)");
        html.ShouldContain("&lt;b&gt;<mark>cible</mark>&lt;/b&gt;");
        html.Length.ShouldBeLessThan(220);
    }
}
