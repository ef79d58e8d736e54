using System.Net;
using Collectif.Features.Accounts;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Statements;

/// <summary>Bringing the archive along: paste a page, review, get a draft with its signatories and original date.</summary>
public class ImportTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Repository.Root, "tests", "Collectif.Tests", "Fixtures", name));

    private Task<HttpClient> EditorAsync(string language = "en") => app.SignedInAsync(language, Roles.Editor);

    [Fact]
    public async Task The_seed_page_previews_then_becomes_a_draft_with_its_48_signatories_from_the_registry()
    {
        var editor = await EditorAsync("fr");
        var text = Fixture("coalition-page-communique.txt").Replace("Libérez Omar Alsoumi, militant", "Libérez Omar Alsoumi (import " + Guid.NewGuid().ToString("N")[..6] + "), militant", StringComparison.Ordinal);

        var preview = await editor.PostFormAsync("/editor/statements/import?handler=Preview", new() { ["Text"] = text }, "/editor/statements/import");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await preview.ReadDocumentAsync();
        page.Text(".import-preview dl").ShouldContain("48 trouvés");
        page.QuerySelectorAll(".import-preview .statement-body p").Length.ShouldBe(11);
        (await app.WithDbAsync(db => db.Statements.CountAsync(s => s.Title.Contains("(import")))).ShouldBe(0); // a preview writes nothing

        var created = await editor.PostFormAsync("/editor/statements/import?handler=Create", new() { ["Text"] = text }, "/editor/statements/import");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var slug = created.Headers.Location!.OriginalString.Split('/')[3];
        var statement = await app.WithDbAsync(db => db.Statements.Include(s => s.Signatories).SingleAsync(s => s.Slug == slug));
        statement.Status.ShouldBe(StatementStatus.Draft);
        statement.CurrentRevision.ShouldBe(1);
        statement.Signatories.Count.ShouldBe(48);
        statement.Signatories.ShouldAllBe(s => s.OrganizationId != null); // matched in the registry, not duplicated
        (await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Memberships.Any()))).ShouldBe(48);
        (await app.WithDbAsync(db => db.Organizations.CountAsync(o => !o.Memberships.Any() && o.VerifiedAt == null))).ShouldBe(0); // nothing created by the import
    }

    [Fact]
    public async Task A_newswire_release_keeps_its_original_date_dateline_and_contacts_and_a_byline_is_matched_in_the_registry()
    {
        var editor = await EditorAsync();
        var text = "Par : Confédération générale du Travail (CGT)\n" + Fixture("press-release-newswire.md").Replace("# Paris Call for Peace", "# Paris Call for Peace " + Guid.NewGuid().ToString("N")[..6], StringComparison.Ordinal);

        var created = await editor.PostFormAsync("/editor/statements/import?handler=Create", new() { ["Text"] = text }, "/editor/statements/import");

        var slug = created.Headers.Location!.OriginalString.Split('/')[3];
        var statement = await app.WithDbAsync(db => db.Statements.Include(s => s.BylineOrganization).SingleAsync(s => s.Slug == slug));
        statement.Kind.ShouldBe(StatementKind.PressRelease);
        statement.Language.ShouldBe("en");
        statement.BylineOrganization!.Acronym.ShouldBe("CGT");
        statement.DatelineCity.ShouldBe("Paris");
        statement.MediaContacts.ShouldNotBeNull();
        statement.MediaContacts.ShouldContain("press@allmep.example");
        statement.PublishedAt.ShouldBe(new DateTime(2025, 6, 15, 10, 0, 0, DateTimeKind.Utc)); // noon in Paris, summer time

        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = await app.Anonymous().GetDocumentAsync($"/statements/{slug}");
        published.Text(".dateline").ShouldBe("PARIS, FRANCE, June 15, 2025 —");
        published.QuerySelector("time")!.GetAttribute("datetime").ShouldBe("2025-06-15");
    }

    [Theory]
    [InlineData("", "Collez le texte : son titre, puis ses paragraphes.")]
    [InlineData("par\n\n", "Collez le texte : son titre, puis ses paragraphes.")]
    public async Task An_empty_paste_is_explained(string text, string message)
    {
        var editor = await EditorAsync("fr");

        var response = await editor.PostFormAsync("/editor/statements/import?handler=Create", new() { ["Text"] = text }, "/editor/statements/import");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
    }

    [Fact]
    public async Task Observers_cannot_import()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Observer);
        var observer = app.Anonymous();
        await CollectifApp.SignInAsync(observer, email, password);

        (await observer.GetAsync("/editor/statements/import")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
    }
}
