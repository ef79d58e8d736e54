using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Collectif.Features.Ledger;
using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Petitions;

/// <summary>The public signs a petition, confirms by mail, is counted, can check and withdraw; abuse and bad input are turned away.</summary>
public partial class PetitionTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static int addresses;

    /// <summary>A published petition of its own, made through the editor like a secretariat would.</summary>
    private Task<(HttpClient Editor, string Slug, int Id)> PetitionAsync(string kind = "Petition") => app.PublishedStatementAsync(kind);

    /// <summary>A signer coming from their own network (a documentation address, unique per call).</summary>
    private HttpClient Signer(string language = "fr", string? address = null)
    {
        var client = app.Anonymous(language);
        var n = Interlocked.Increment(ref addresses);
        client.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, address ?? $"198.18.{n / 250}.{(n % 250) + 1}");
        return client;
    }

    private static Dictionary<string, string> Form(string email, string first = "Jeanne", string last = "Martin", string? postcode = "75011", string? country = "FR") => new()
    {
        ["Input.FirstName"] = first,
        ["Input.LastName"] = last,
        ["Input.Email"] = email,
        ["Input.Postcode"] = postcode ?? "",
        ["Input.Country"] = country ?? "",
        ["Input.Public"] = "true",
    };

    private static string NewEmail(string domain = "example.org") => $"signer-{Guid.NewGuid():N}@{domain}";

    private static Task<HttpResponseMessage> SignAsync(HttpClient client, string slug, Dictionary<string, string> form) =>
        client.PostFormAsync($"/petitions/{slug}/sign", form);

    private static Task<string> ConfirmationLinkAsync(string email) => HttpExtensions.PetitionConfirmationPathAsync(email);

    private Task<int> CountAsync(int statementId) =>
        app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == statementId && s.Status == SignatureStatus.Confirmed));

    [GeneratedRegex(@"https?://\S+/petitions/confirm/\S+")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task A_signer_confirms_by_mail_is_counted_gets_a_receipt_in_the_ledger_and_can_withdraw()
    {
        var (_, slug, id) = await PetitionAsync();
        var signer = Signer();
        var email = NewEmail();

        var page = await signer.GetDocumentAsync($"/statements/{slug}");
        page.QuerySelector("form.sign-form").ShouldNotBeNull();
        page.QuerySelector("input[type=checkbox][name='Input.Public']")!.HasAttribute("checked").ShouldBeFalse(); // appearing in public is a choice
        page.QuerySelectorAll(".sign-form input[type=checkbox]").ShouldAllBe(box => !box.HasAttribute("checked")); // so are both opt-ins
        page.Text(".counter .count").ShouldBe("0");

        var sent = await SignAsync(signer, slug, Form(email));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.OriginalString.ShouldBe($"/petitions/{slug}/sign?sent=true");
        (await signer.GetDocumentAsync(sent.Headers.Location.OriginalString)).Text("h1").ShouldBe("Vérifiez votre boîte mail");
        (await CountAsync(id)).ShouldBe(0); // not before the e-mail is confirmed

        var link = await ConfirmationLinkAsync(email);
        (await signer.GetDocumentAsync(link)).QuerySelector("form button")!.TextContent.ShouldBe("Confirmer ma signature");
        (await CountAsync(id)).ShouldBe(0); // opening the link (or a mail scanner fetching it) is not confirming

        var confirmed = await signer.PostFormAsync(link, []);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = await confirmed.ReadDocumentAsync();
        receipt.Text(".success").ShouldBe("Merci : votre signature est confirmée et comptée.");
        (await CountAsync(id)).ShouldBe(1);
        (await signer.PostFormAsync(link, [])).StatusCode.ShouldBe(HttpStatusCode.OK); // a second click changes nothing
        (await CountAsync(id)).ShouldBe(1);

        // The receipt names the ledger entry; the public ledger holds it, without the address.
        var ledger = await app.Anonymous().GetStringAsync($"/statements/{slug}/ledger");
        var entries = ledger.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<PublishedEntry>(l, SignatureLedger.Json)!).ToList();
        var entry = entries.Single(e => e.Action == LedgerActions.Signature);
        receipt.QuerySelectorAll("code.hash").Select(c => c.TextContent).ShouldContain(entry.Hash);
        entry.Signer.ShouldStartWith("commitment:");
        ledger.ShouldNotContain(email);
        ledger.ShouldNotContain("Martin");
        SignatureLedger.Verify(entries.Select(e => e.ToEntry()).ToList()).Intact.ShouldBeTrue();
        (await app.Anonymous("en").GetDocumentAsync($"/statements/{slug}/signatures")).QuerySelectorAll(".success-line").Select(l => l.TextContent)
            .ShouldContain(l => l.Contains("The 1 signatories listed are exactly those the chain proves", StringComparison.Ordinal));

        // The page counts them (after the short cache) and shows them as "Jeanne M. (75)".
        // Figures are refreshed in the background: the first reader after they age gets the previous
        // ones (and starts the refresh), later readers the new ones.
        app.Clock.Advance(PetitionStats.FreshFor);
        (await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}")).Text(".counter .count").ShouldBe("0");
        await app.Services.GetRequiredService<PetitionStats>().RefreshedAsync(id);
        var after = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        after.Text(".counter .count").ShouldBe("1");
        after.Text(".recent-signatories").ShouldBe("Jeanne M. (75)");
        after.QuerySelector("svg.growth-chart").ShouldNotBeNull();
        var count = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/petitions/{slug}/count");
        count.GetProperty("count").GetInt32().ShouldBe(1);

        // Withdrawal: a tombstone in the ledger, the personal data gone, no longer counted.
        var withdrawn = await signer.PostFormAsync(link + "?handler=Withdraw", [], link);
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountAsync(id)).ShouldBe(0);
        var row = await app.WithDbAsync(db => db.PetitionSignatures.SingleAsync(s => s.StatementId == id));
        row.Status.ShouldBe(SignatureStatus.Withdrawn);
        row.FirstName.ShouldBeNull();
        row.ProtectedEmail.ShouldBeNull();
        var verification = await app.WithDbAsync(db => new SignatureLedger(db, app.Clock).VerifyAsync(id, CancellationToken.None));
        verification.Intact.ShouldBeTrue();
        verification.Counted.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_person_signs_once_whatever_the_spelling_of_their_address()
    {
        var (_, slug, id) = await PetitionAsync();
        var local = "jeanne.martin" + Guid.NewGuid().ToString("N")[..6];
        var first = $"{local}@gmail.com";
        (await SignAsync(Signer(), slug, Form(first))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromMinutes(10)); // past the resend spacing
        // Dots, +tags, case and googlemail.com all reach the same Gmail mailbox: the same answer, no second row.
        var variant = $"{local.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()}+petition@googlemail.com";
        var again = await SignAsync(Signer(), slug, Form(variant));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(1);

        // Confirmed, then signed again: told by mail, still counted once.
        var signer = Signer();
        // Not confirmed yet, so a new link went out (the latest link is the one that works).
        (await signer.PostFormAsync(await ConfirmationLinkAsync(variant), [])).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        (await SignAsync(signer, slug, Form(first.ToUpperInvariant()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SmtpSink.WaitForMessageAsync(first, subjectContains: "déjà signé")).TextBody!.ShouldContain("compte une seule fois");
        (await CountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_lost_confirmation_mail_is_sent_again_on_request_and_only_the_newest_link_works()
    {
        var (_, slug, id) = await PetitionAsync();
        var signer = Signer("en");
        var email = NewEmail();
        await SignAsync(signer, slug, Form(email));
        var first = await ConfirmationLinkAsync(email);

        var bad = await signer.PostFormAsync($"/petitions/{slug}/sign?handler=Resend", new() { ["ResendEmail"] = "nobody" }, $"/petitions/{slug}/sign?sent=true");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadDocumentAsync()).Text("#resend-error").ShouldBe("Enter a valid e-mail address, such as name@example.org.");
        (await signer.PostFormAsync($"/petitions/{slug}/sign?handler=Resend", new() { ["ResendEmail"] = email }, $"/petitions/{slug}/sign?sent=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email))).ShouldBe(1); // too soon: no flood

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var again = await signer.PostFormAsync($"/petitions/{slug}/sign?handler=Resend", new() { ["ResendEmail"] = email.ToUpperInvariant() }, $"/petitions/{slug}/sign?sent=true");
        (await again.ReadDocumentAsync()).Text(".success").ShouldStartWith("If a signature with this address is waiting");
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email))).ShouldBe(2);
        var bodies = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).OrderBy(m => m.Id).Select(m => m.TextBody).ToListAsync());
        var second = new Uri(ConfirmLink().Match(bodies[1]).Value).AbsolutePath;
        second.ShouldNotBe(first);
        (await signer.PostFormAsync(first, [], $"/petitions/{slug}/sign")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await signer.PostFormAsync(second, [])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Unconfirmed_signatures_expire_with_their_mail()
    {
        var (_, slug, id) = await PetitionAsync();
        var email = NewEmail();
        await SignAsync(Signer(), slug, Form(email));
        var signatureId = await app.WithDbAsync(db => db.PetitionSignatures.Where(s => s.StatementId == id).Select(s => s.Id).SingleAsync());

        // The housekeeping service runs on the same clock; calling it here makes the test independent of its timer.
        app.Clock.Advance(TimeSpan.FromDays(6));
        await ExpireAsync();
        (await app.WithDbAsync(db => db.PetitionSignatures.AnyAsync(s => s.Id == signatureId))).ShouldBeTrue();
        app.Clock.Advance(TimeSpan.FromDays(1.1));
        await ExpireAsync();

        (await app.WithDbAsync(db => db.PetitionSignatures.AnyAsync(s => s.Id == signatureId))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email))).ShouldBeFalse(); // erased from the outbox too
    }

    private async Task<int> ExpireAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PetitionService>().ExpireAsync(CancellationToken.None);
    }
}
