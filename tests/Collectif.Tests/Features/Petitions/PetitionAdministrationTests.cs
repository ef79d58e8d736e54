using System.Net;
using Collectif.Features.Accounts;
using Collectif.Features.Ledger;
using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Petitions;

/// <summary>The secretariat exports, invalidates and answers; a person's data is exported and erased on request.</summary>
public partial class PetitionTests
{
    private async Task<(string Email, string Link)> SignedAndConfirmedAsync(string slug, string first = "Jeanne", string last = "Martin", string? address = null)
    {
        var email = NewEmail();
        var signer = Signer(address: address);
        (await SignAsync(signer, slug, Form(email, first, last))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await ConfirmationLinkAsync(email);
        (await signer.PostFormAsync(link, [])).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (email, link);
    }

    [Fact]
    public async Task The_petition_page_gives_editors_the_code_that_embeds_the_widget_and_that_code_points_at_a_working_widget()
    {
        var (editor, slug, _) = await PetitionAsync();
        var page = await editor.GetDocumentAsync($"/editor/statements/{slug}/petition");
        var script = page.QuerySelector("#embed-script")!.TextContent;
        script.ShouldContain($"data-collectif-petition=\"{slug}\"");
        script.ShouldContain("/js/widget.js");
        page.QuerySelector("label[for=embed-script]").ShouldNotBeNull();

        // The frame's address is absolute (pasted elsewhere) and serves the widget, framable by other sites.
        var frame = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page.QuerySelector("#embed-frame")!.TextContent).QuerySelector("iframe")!;
        var src = new Uri(frame.GetAttribute("src")!);
        src.IsAbsoluteUri.ShouldBeTrue();
        frame.GetAttribute("title").ShouldNotBeNullOrEmpty();
        var widget = await app.Anonymous().GetAsync(src.PathAndQuery);
        widget.StatusCode.ShouldBe(HttpStatusCode.OK);
        widget.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors https:");
        (await app.Anonymous().GetAsync(new Uri(page.QuerySelector("#embed-script")!.TextContent.Split("src=\"")[1].Split('"')[0]).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_editors_see_export_and_invalidate_signatures_and_the_ledger_records_the_invalidation()
    {
        var (editor, slug, id) = await PetitionAsync();
        var (email, _) = await SignedAndConfirmedAsync(slug, first: "=HYPERLINK(\"http://evil.example\")", last: "Dupont, fils");
        await SignedAndConfirmedAsync(slug, first: "Ali", last: "Ben", address: "203.0.113.200");

        // Anonymous people are sent to sign in; observers and plain accounts are refused.
        foreach (var url in new[] { $"/editor/statements/{slug}/petition", $"/editor/statements/{slug}/petition/signatures.csv" })
        {
            (await app.Anonymous().GetAsync(url)).Headers.Location!.AbsolutePath.ShouldBe("/login");
            var observer = await app.SignedInAsync("en", Roles.Observer);
            (await observer.GetAsync(url)).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        }

        var csv = await editor.GetAsync($"/editor/statements/{slug}/petition/signatures.csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Headers.GetValues("X-Total-Rows").Single().ShouldBe("2");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain(email);
        text.ShouldContain("\"'=HYPERLINK(\"\"http://evil.example\"\")\""); // defused, then quoted
        text.ShouldContain("\"Dupont, fils\"");

        // Invalidate every signature from one network, with a reason.
        var page = await editor.GetDocumentAsync($"/editor/statements/{slug}/petition?Network=203.0.113.0%2F24");
        page.QuerySelectorAll("tbody input[name=Selected]").Length.ShouldBe(1);
        var refused = await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Invalidate&Network=203.0.113.0%2F24", new() { ["AllMatching"] = "true", ["Reason"] = "" }, $"/editor/statements/{slug}/petition");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var done = await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Invalidate&Network=203.0.113.0%2F24", new() { ["AllMatching"] = "true", ["Reason"] = "Signatures en série depuis un seul réseau" }, $"/editor/statements/{slug}/petition");
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(id)).ShouldBe(1);
        var entries = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.StatementId == id).OrderBy(e => e.Sequence).ToListAsync());
        entries.Select(e => e.Action).ShouldBe([LedgerActions.Signature, LedgerActions.Signature, LedgerActions.Invalidated]);
        SignatureLedger.Verify(entries).Counted.Count.ShouldBe(1);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == Collectif.Features.Audit.AuditActions.SignaturesInvalidated && a.Details!.Contains("Signatures en série")))).ShouldBeTrue();
    }

    [Fact]
    public async Task The_addressee_s_response_goal_and_milestones_appear_on_the_page()
    {
        var (editor, slug, id) = await PetitionAsync();
        (await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Settings", new()
        {
            ["Goal"] = "2",
            ["PostcodeRule"] = "Optional",
            ["CountryRule"] = "Optional",
            ["AllowComment"] = "true",
            ["RetentionMonths"] = "6",
        }, $"/editor/statements/{slug}/petition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Response", new() { ["ResponseText"] = "Nous étudions votre demande." }, $"/editor/statements/{slug}/petition");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Say who responded.");
        (await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Response", new() { ["ResponseText"] = "Nous **maintenons** la maternité.", ["ResponseFrom"] = "L’agence régionale de santé", ["ResponseDate"] = "2026-03-10" }, $"/editor/statements/{slug}/petition"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await SignedAndConfirmedAsync(slug);
        await SignedAndConfirmedAsync(slug, first: "Paul");

        app.Clock.Advance(PetitionStats.FreshFor);
        await app.Services.GetRequiredService<PetitionStats>().RefreshedAsync(id);
        var page = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        page.Text(".petition-response h3").ShouldBe("La réponse — L’agence régionale de santé");
        page.QuerySelector(".petition-response strong")!.TextContent.ShouldBe("maintenons");
        page.QuerySelector(".counter progress")!.GetAttribute("value").ShouldBe("2");
        page.Text(".counter .goal").ShouldBe("sur un objectif de 2");
        page.Text(".milestones").ShouldContain("2 signatures le");
    }

    [Fact]
    public async Task A_person_s_data_is_exported_and_erased_on_request_down_to_the_outbox()
    {
        var (_, slug, id) = await PetitionAsync();
        var (email, link) = await SignedAndConfirmedAsync(slug, first: "Zoé", last: "Effacée");
        var admin = await app.AdministratorAsync("en");

        var export = await admin.PostFormAsync("/admin/petitions/data-requests?handler=Export", new() { ["Email"] = email.ToUpperInvariant() }, "/admin/petitions/data-requests");
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var json = await export.Content.ReadAsStringAsync();
        json.ShouldContain("Effacée");
        json.ShouldContain(email);

        var erased = await admin.PostFormAsync("/admin/petitions/data-requests?handler=Erase", new() { ["Email"] = email }, "/admin/petitions/data-requests");
        (await erased.ReadDocumentAsync()).Text(".success").ShouldBe("1 signature(s) erased.");

        (await CountAsync(id)).ShouldBe(0);
        var row = await app.WithDbAsync(db => db.PetitionSignatures.SingleAsync(s => s.StatementId == id));
        (row.Status, row.FirstName, row.LastName, row.ProtectedEmail, row.Postcode).ShouldBe((SignatureStatus.Erased, null, null, null, null));
        (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email || m.TextBody.Contains(link)))).ShouldBeFalse();
        var verification = await app.WithDbAsync(db => new SignatureLedger(db, app.Clock).VerifyAsync(id, CancellationToken.None));
        verification.Intact.ShouldBeTrue();
        verification.Counted.ShouldBeEmpty();
        (await admin.PostFormAsync("/admin/petitions/data-requests?handler=Find", new() { ["Email"] = "not an address" }, "/admin/petitions/data-requests")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Personal_data_is_erased_after_the_retention_period_but_counts_and_the_ledger_stay()
    {
        var (editor, slug, id) = await PetitionAsync();
        await SignedAndConfirmedAsync(slug);
        var closes = app.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        (await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Settings", new()
        {
            ["ClosesAt"] = TimeZoneInfo.ConvertTimeFromUtc(closes, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["PostcodeRule"] = "Optional",
            ["CountryRule"] = "Optional",
            ["RetentionMonths"] = "1",
        }, $"/editor/statements/{slug}/petition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        app.Clock.Advance(TimeSpan.FromDays(20));
        await RetainAsync();
        (await app.WithDbAsync(db => db.PetitionSignatures.SingleAsync(s => s.StatementId == id))).FirstName.ShouldBe("Jeanne");
        app.Clock.Advance(TimeSpan.FromDays(15));
        await RetainAsync();

        var row = await app.WithDbAsync(db => db.PetitionSignatures.SingleAsync(s => s.StatementId == id));
        (row.FirstName, row.ProtectedEmail, row.Postcode).ShouldBe((null, null, null));
        row.Departement.ShouldBe("75"); // the breakdown stays
        (await CountAsync(id)).ShouldBe(1);
        (await app.Anonymous("en").GetDocumentAsync("/privacy")).Text("main table").ShouldContain("Done on");
    }

    private async Task RetainAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PetitionService>().ApplyRetentionAsync(CancellationToken.None);
    }
}
