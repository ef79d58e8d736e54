using System.Net;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Organizations;

public class ImportTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private async Task<T> WithImportAsync<T>(Func<ImportSignatories, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ImportSignatories>());
    }

    private Task AddAsync(string name, string? acronym, params string[] aliases) => app.WithDbAsync(async db =>
    {
        var organization = new Organization { Name = name, Acronym = acronym, Slug = "org-" + Guid.NewGuid().ToString("N")[..10] };
        organization.Aliases.AddRange(aliases.Select(a => new OrganizationAlias { Name = a }));
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Preview_tells_new_matched_and_ambiguous_with_the_reason_and_writes_nothing()
    {
        var t = Tag();
        await AddAsync($"Confédération générale du travail {t}", $"CGT{t}");
        await AddAsync($"Attac {t}", null, $"Association pour la Taxation {t}");
        await AddAsync($"Union syndicale {t}", $"US{t}");
        await AddAsync($"Union sportive {t}", $"US{t}");
        await AddAsync($"Parti pour l’écologie {t}", $"PEPS{t}");
        var text = $"Confédération Générale du Travail {t} (CGT{t}) – Association pour la Taxation {t} – Union S {t} (US{t}) – Pour une écologie populaire {t} (PEPS{t}) – Nouvelle {t} (NEW{t}) – Nouvelle {t} (NEW{t})";
        var before = await app.WithDbAsync(db => db.Organizations.CountAsync());

        var preview = await WithImportAsync(i => i.PreviewAsync(text, ImportTarget.Members, null));

        preview.Rows.Select(r => (r.Outcome, r.Reason)).ShouldBe([
            (ImportOutcome.Matched, ImportReason.SameNameAndAcronym),
            (ImportOutcome.Matched, ImportReason.SameAlias),
            (ImportOutcome.Ambiguous, ImportReason.SeveralOrganizations),
            (ImportOutcome.Ambiguous, ImportReason.SameAcronymOtherName),
            (ImportOutcome.New, ImportReason.NotInRegistry),
            (ImportOutcome.Duplicate, ImportReason.RepeatedInList),
        ]);
        preview.Rows[2].Organizations.Count.ShouldBe(2);
        (await app.WithDbAsync(db => db.Organizations.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Applying_twice_writes_only_once()
    {
        var t = Tag();
        await AddAsync($"Fédération syndicale unitaire {t}", $"FSU{t}");
        var text = $"Fédération Syndicale Unitaire {t} (FSU{t}) – Droit-Solidarité {t} – Apel-Égalité {t}\nJean Dupont, porte-parole d'Attac";

        var first = await WithImportAsync(i => i.ApplyAsync(text, ImportTarget.Members, null));
        var second = await WithImportAsync(i => i.ApplyAsync(text, ImportTarget.Members, null));

        (first.OrganizationsCreated, first.MembershipsAdded).ShouldBe((2, 3));
        (second.OrganizationsCreated, second.MembershipsAdded).ShouldBe((0, 0));
        second.Preview.Rows.Select(r => r.Reason).ShouldBe([ImportReason.AlreadyMember, ImportReason.AlreadyMember, ImportReason.AlreadyMember, ImportReason.PersonNotMember]);
        (await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name.EndsWith(t)))).ShouldBe(3);
    }

    [Fact]
    public async Task Importing_onto_a_statement_adds_organizations_and_people_once_and_records_them_in_the_ledger()
    {
        var t = Tag();
        var slug = "statement-" + t.ToLowerInvariant();
        await app.WithDbAsync(async db =>
        {
            db.Statements.Add(new Statement { Slug = slug, Title = "Appel " + t, PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        });
        var text = $"Premiers signataires :\nUnion A {t} (UA{t}) – Union B {t}\nMarie Durand, présidente de la Ligue {t}";

        var result = await WithImportAsync(i => i.ApplyAsync(text, ImportTarget.Statement, slug));
        await WithImportAsync(i => i.ApplyAsync(text, ImportTarget.Statement, slug));

        result.SignatoriesAdded.ShouldBe(3);
        var page = await app.Anonymous().GetDocumentAsync($"/statements/{slug}");
        page.QuerySelectorAll(".signatory-list li").Select(li => li.TextContent.Trim().Replace("\n", " ")).Select(s => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ShouldBe([
            $"Marie Durand, présidente — Ligue {t}",
            $"Union A {t} (UA{t})",
            $"Union B {t}",
        ]);
        var ledger = await app.WithDbAsync(db => db.LedgerEntries.Where(e => db.Statements.Any(s => s.Id == e.StatementId && s.Slug == slug)).OrderBy(e => e.Sequence).ToListAsync());
        ledger.Select(e => (e.Action, e.Signer)).ShouldBe([("imported", $"Union A {t} (UA{t})"), ("imported", $"Union B {t}"), ("imported", $"Marie Durand, présidente — Ligue {t}")]);
    }

    [Fact]
    public async Task Importing_onto_an_unknown_statement_fails_clearly()
    {
        await Should.ThrowAsync<StatementNotFoundException>(() => WithImportAsync(i => i.PreviewAsync("CGT", ImportTarget.Statement, "nope")));
    }

    [Fact]
    public async Task The_import_page_previews_then_applies_on_confirmation()
    {
        var client = await app.AdministratorAsync("fr");
        var t = Tag();
        var text = $"Collectif Paix {t} (CP{t}) – Comité Vigilance {t} (CV{t})";

        var preview = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = text, ["Target"] = "Members" }, "/admin/organizations/import");

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await preview.ReadDocumentAsync();
        page.QuerySelectorAll(".import-preview tbody tr").Length.ShouldBe(2);
        page.QuerySelectorAll(".badge-new").Select(b => b.TextContent).ShouldBe(["Nouvelle", "Nouvelle"]);
        page.QuerySelector("button[value=apply]")!.TextContent.ShouldBe("Appliquer 2 modifications");
        (await app.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Acronym == "CP" + t))).ShouldBeFalse();

        var applied = await client.PostFormAsync("/admin/organizations/import?handler=Apply", new() { ["Text"] = text, ["Target"] = "Members" }, "/admin/organizations/import");

        applied.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await applied.ReadDocumentAsync()).Text(".success").ShouldBe("Import terminé : 2 organisations créées, 2 adhésions et 0 signataires ajoutés.");
        (await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Acronym == "CP" + t || o.Acronym == "CV" + t))).ShouldBe(2);
    }

    [Theory]
    [InlineData("", "en", "Paste a signatory list first.")]
    [InlineData("   \n  ", "fr", "Collez d’abord une liste de signataires.")]
    [InlineData(" – ; – ", "en", "No signatory was found in this text.")]
    public async Task Empty_pastes_get_a_message(string text, string language, string message)
    {
        var client = await app.AdministratorAsync(language);

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = text, ["Target"] = "Members" }, "/admin/organizations/import");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
    }

    [Fact]
    public async Task A_two_megabyte_paste_is_refused_with_a_message_and_nothing_is_written()
    {
        var client = await app.AdministratorAsync("en");
        var t = Tag();
        var text = string.Concat(Enumerable.Range(0, 60_000).Select(i => $"Org {t} {i} – "));
        text.Length.ShouldBeGreaterThan(1_000_000);

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Apply", new() { ["Text"] = text, ["Target"] = "Members" }, "/admin/organizations/import");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The list is too long: at most 200,000 characters at a time.");
        (await app.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name.StartsWith($"Org {t}")))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_paste_beyond_the_form_limit_is_a_400_not_a_crash()
    {
        var client = await app.AdministratorAsync("en");

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = new string('x', 5_000_000), ["Target"] = "Members" }, "/admin/organizations/import");

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Binary_pastes_are_refused_with_a_message()
    {
        var client = await app.AdministratorAsync("fr");
        var bytes = new byte[3000];
        new Random(7).NextBytes(bytes);

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = System.Text.Encoding.Latin1.GetString(bytes).Replace('\0', '\u0001'), ["Target"] = "Members" }, "/admin/organizations/import");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Cela ne ressemble pas à du texte.");
    }

    [Fact]
    public async Task Html_in_a_paste_is_shown_as_text()
    {
        var client = await app.AdministratorAsync("en");

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = "<img src=x onerror=alert(1)> – <b>Bold</b>", ["Target"] = "Members" }, "/admin/organizations/import");

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<img src=x");
        html.ShouldContain("&lt;img src=x onerror=alert(1)&gt;");
    }

    [Fact]
    public async Task Importing_onto_a_statement_requires_choosing_it()
    {
        var client = await app.AdministratorAsync("en");

        var response = await client.PostFormAsync("/admin/organizations/import?handler=Preview", new() { ["Text"] = "CGT", ["Target"] = "Statement", ["StatementSlug"] = "" }, "/admin/organizations/import");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Choose the statement the signatories signed.");
    }
}
