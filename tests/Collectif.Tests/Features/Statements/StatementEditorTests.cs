using System.Net;
using Collectif.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Statements;

public class StatementEditorTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static Dictionary<string, string> Form(string title, string body, int baseRevision = 0, string? slug = null, string kind = "Communique") =>
        CollectifApp.StatementForm(title, body, slug, baseRevision, kind);

    private Task<HttpClient> EditorAsync(string language = "en") => app.SignedInAsync(language, Roles.Editor);

    [Fact]
    public async Task An_editor_drafts_revises_and_publishes_a_statement()
    {
        var editor = await EditorAsync();
        var slug = "appel-" + Guid.NewGuid().ToString("N")[..6];

        var created = await editor.PostFormAsync("/editor/statements/new", Form("Appel à manifester", "Rendez-vous samedi place de la République.", slug: slug));
        created.Headers.Location!.OriginalString.ShouldBe($"/editor/statements/{slug}/edit");
        (await app.Anonymous().GetAsync($"/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // a draft is not public

        var revised = await editor.PostFormAsync($"/editor/statements/{slug}/edit", Form("Appel à manifester", "Rendez-vous samedi à 14 h place de la République.", baseRevision: 1), $"/editor/statements/{slug}/edit");
        revised.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = await editor.GetDocumentAsync($"/editor/statements/{slug}/revisions?from=1&to=2");
        history.QuerySelectorAll(".diff ins").Select(i => i.TextContent).ShouldBe(["à 14 h "]);
        history.QuerySelectorAll("tbody tr").Length.ShouldBe(2);

        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}")).Text(".statement-body").ShouldBe("Rendez-vous samedi à 14 h place de la République.");
        (await app.Anonymous().GetDocumentAsync("/statements")).QuerySelectorAll(".card h3").Select(h => h.TextContent.Trim()).ShouldContain("Appel à manifester");
    }

    [Fact]
    public async Task A_withdrawn_statement_keeps_its_address_with_a_notice_instead_of_the_text()
    {
        var editor = await EditorAsync("fr");
        var slug = "retire-" + Guid.NewGuid().ToString("N")[..6];
        await editor.PostFormAsync("/editor/statements/new", Form("Texte à retirer", "Un texte publié par erreur.", slug: slug));
        await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit");

        var noReason = await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Withdraw", new() { ["WithdrawalReason"] = " " }, $"/editor/statements/{slug}/edit");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Withdraw", new() { ["WithdrawalReason"] = "Publié avant la fin de la consultation." }, $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await app.Anonymous("fr").GetAsync($"/statements/{slug}");
        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var page = await response.ReadDocumentAsync();
        page.Text("h1").ShouldBe("Texte à retirer");
        page.Text(".withdrawn").ShouldContain("Publié avant la fin de la consultation.");
        page.QuerySelector(".statement-body").ShouldBeNull();
        (await app.Anonymous().GetDocumentAsync("/statements")).QuerySelectorAll(".card h3").Select(h => h.TextContent.Trim()).ShouldNotContain("Texte à retirer");
    }

    [Fact]
    public async Task Saving_over_a_newer_revision_is_a_conflict_that_keeps_the_text_and_shows_the_diff()
    {
        var first = await EditorAsync("fr");
        var second = await EditorAsync("fr");
        var slug = "texte-" + Guid.NewGuid().ToString("N")[..6];
        await first.PostFormAsync("/editor/statements/new", Form("Texte commun", "Nous demandons la paix.", slug: slug));
        (await first.PostFormAsync($"/editor/statements/{slug}/edit", Form("Texte commun", "Nous exigeons la paix.", baseRevision: 1), $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var late = await second.PostFormAsync($"/editor/statements/{slug}/edit", Form("Texte commun", "Nous demandons une paix juste et durable.", baseRevision: 1), $"/editor/statements/{slug}/edit");

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await late.ReadDocumentAsync();
        page.Text("#conflict-title").ShouldBe("Quelqu’un a enregistré une version plus récente pendant que vous écriviez");
        page.QuerySelector("textarea[name='Form.Body']")!.TextContent.Trim().ShouldBe("Nous demandons une paix juste et durable.");
        page.QuerySelectorAll(".conflict ins").Select(i => i.TextContent).ShouldBe(["exigeons"]);
        page.QuerySelector("input[name=BaseRevision]")!.GetAttribute("value").ShouldBe("2");
        var body = await app.WithDbAsync(db => db.Statements.Where(s => s.Slug == slug).Select(s => s.Body).SingleAsync());
        body.ShouldBe("Nous exigeons la paix.");
    }

    [Fact]
    public async Task Restoring_an_old_revision_makes_a_new_one_with_the_old_fingerprint()
    {
        var editor = await EditorAsync();
        var slug = "restore-" + Guid.NewGuid().ToString("N")[..6];
        await editor.PostFormAsync("/editor/statements/new", Form("Version A", "Texte A.", slug: slug));
        await editor.PostFormAsync($"/editor/statements/{slug}/edit", Form("Version B", "Texte B.", baseRevision: 1), $"/editor/statements/{slug}/edit");

        (await editor.PostFormAsync($"/editor/statements/{slug}/revisions?handler=Restore", new() { ["number"] = "1" }, $"/editor/statements/{slug}/revisions")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var revisions = await app.WithDbAsync(db => db.StatementRevisions.Where(r => r.Statement!.Slug == slug).OrderBy(r => r.Number).ToListAsync());
        revisions.Select(r => r.Number).ShouldBe([1, 2, 3]);
        revisions[2].ContentHash.ShouldBe(revisions[0].ContentHash);
        revisions[2].RestoredFrom.ShouldBe(1);
        (await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug))).Title.ShouldBe("Version A");
    }

    [Fact]
    public async Task Script_in_the_text_is_never_run_on_the_public_page()
    {
        var editor = await EditorAsync();
        var slug = "xss-" + Guid.NewGuid().ToString("N")[..6];
        var body = "Bonjour <script>alert(1)</script> <iframe src=//evil.example></iframe> <img src=x onerror=alert(2)>\n\n[lien](javascript:alert(3))";
        await editor.PostFormAsync("/editor/statements/new", Form("<b onmouseover=alert(4)>Titre</b>", body, slug: slug));
        await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit");

        var response = await app.Anonymous().GetAsync($"/statements/{slug}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();

        // Written as text, never as elements or attributes that run.
        page.QuerySelectorAll("main script, main iframe, main img").ShouldBeEmpty();
        page.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ShouldNotContain(h => h.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        page.Text("h1").ShouldBe("<b onmouseover=alert(4)>Titre</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public async Task Oversized_texts_and_taken_addresses_are_refused_with_a_message()
    {
        var editor = await EditorAsync("en");
        var slug = "taken-" + Guid.NewGuid().ToString("N")[..6];
        await editor.PostFormAsync("/editor/statements/new", Form("First", "Text.", slug: slug));

        var taken = await editor.PostFormAsync("/editor/statements/new", Form("Second", "Text.", slug: slug));
        taken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await taken.ReadDocumentAsync()).Text(".error-summary").ShouldContain($"Another statement already uses the slug “{slug}”.");

        var huge = await editor.PostFormAsync("/editor/statements/new", Form("Huge", new string('a', 1_000_000)));
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await huge.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The text is too long (at most 200000 characters).");
    }

    [Fact]
    public async Task Observers_read_drafts_and_their_history_but_change_nothing()
    {
        var editor = await EditorAsync();
        var slug = "brouillon-" + Guid.NewGuid().ToString("N")[..6];
        await editor.PostFormAsync("/editor/statements/new", Form("Brouillon confidentiel", "Texte en discussion.", slug: slug));
        var (email, password) = await app.CreateAccountAsync(Roles.Observer);
        var observer = app.Anonymous("en");
        await CollectifApp.SignInAsync(observer, email, password);

        var list = await observer.GetDocumentAsync("/editor/statements");
        list.QuerySelector("a[href='/editor/statements/new']").ShouldBeNull();
        (await observer.GetDocumentAsync($"/editor/statements/{slug}/revisions")).Text(".statement-body").ShouldBe("Texte en discussion.");

        (await observer.GetAsync($"/editor/statements/{slug}/edit")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        var restore = await observer.PostFormAsync($"/editor/statements/{slug}/revisions?handler=Restore", new() { ["number"] = "1" }, $"/editor/statements/{slug}/revisions");
        restore.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
    }

    [Fact]
    public async Task Press_officers_and_plain_accounts_see_no_drafts()
    {
        foreach (var roles in new[] { new[] { Roles.PressOfficer }, [] })
        {
            var (email, password) = await app.CreateAccountAsync(roles);
            var client = app.Anonymous();
            await CollectifApp.SignInAsync(client, email, password);
            (await client.GetAsync("/editor/statements")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        }
    }
}
