using System.Net;
using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Petitions;

/// <summary>Abuse is stopped without captchas; bad input gets a clear message and nothing is counted twice.</summary>
public partial class PetitionTests
{
    [Fact]
    public async Task A_network_signing_too_fast_is_told_to_wait_and_may_sign_again_once_the_window_has_passed()
    {
        var (_, slug, id) = await PetitionAsync();
        var address = "203.0.113.77";
        for (var i = 0; i < 20; i++)
        {
            (await SignAsync(Signer(address: address), slug, Form(NewEmail()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var refused = await SignAsync(Signer(address: address), slug, Form(NewEmail()));
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.ReadDocumentAsync()).Text(".sign-form .error").ShouldStartWith("Trop de signatures");
        // IPv6: the whole /64 is one network.
        for (var i = 0; i < 20; i++)
        {
            await SignAsync(Signer(address: $"2001:db8:1:2::{i + 1:x}"), slug, Form(NewEmail()));
        }

        (await SignAsync(Signer(address: "2001:db8:1:2:ffff::1"), slug, Form(NewEmail()))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await SignAsync(Signer(address: "2001:db8:1:3::1"), slug, Form(NewEmail()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await SignAsync(Signer(address: address), slug, Form(NewEmail()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(42);
    }

    [Fact]
    public async Task A_small_domain_signing_in_bulk_is_limited_but_large_public_providers_are_not()
    {
        var (_, slug, _) = await PetitionAsync();
        var domain = $"bulk-{Guid.NewGuid():N}.example";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 101; i++)
        {
            statuses.Add((await SignAsync(Signer(), slug, Form(NewEmail(domain)))).StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.Redirect).ShouldBe(100);
        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        (await SignAsync(Signer(), slug, Form(NewEmail("gmail.com")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Blocked_domains_and_networks_and_robots_filling_the_hidden_field_get_the_usual_answer_but_are_never_counted_or_mailed()
    {
        var (_, slug, id) = await PetitionAsync();
        var admin = await app.AdministratorAsync("fr");
        var domain = $"spam-{Guid.NewGuid():N}.example";
        (await admin.PostFormAsync("/admin/petitions/abuse?handler=Add", new() { ["List"] = "Block", ["Kind"] = "Domain", ["Pattern"] = "*." + domain[5..] }, "/admin/petitions/abuse"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync("/admin/petitions/abuse?handler=Add", new() { ["List"] = "Block", ["Kind"] = "Network", ["Pattern"] = "192.0.2.*" }, "/admin/petitions/abuse"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await admin.PostFormAsync("/admin/petitions/abuse?handler=Add", new() { ["List"] = "Block", ["Kind"] = "Network", ["Pattern"] = "not a network" }, "/admin/petitions/abuse");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadDocumentAsync()).Text(".field-error").ShouldStartWith("Saisissez une adresse ou une plage");

        var fromDomain = $"someone@mail.{domain[5..]}";
        var fromNetwork = NewEmail();
        var robot = NewEmail();
        (await SignAsync(Signer(), slug, Form(fromDomain))).Headers.Location!.OriginalString.ShouldEndWith("sent=true");
        (await SignAsync(Signer(address: "192.0.2.10"), slug, Form(fromNetwork))).Headers.Location!.OriginalString.ShouldEndWith("sent=true");
        var withHoneypot = Form(robot);
        withHoneypot["Input.Website"] = "http://spam.example";
        (await SignAsync(Signer(), slug, withHoneypot)).Headers.Location!.OriginalString.ShouldEndWith("sent=true");

        var rows = await app.WithDbAsync(db => db.PetitionSignatures.Where(s => s.StatementId == id).ToListAsync());
        rows.Count.ShouldBe(2); // the robot left nothing
        rows.ShouldAllBe(s => s.Status == SignatureStatus.Blocked);
        (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == fromDomain || m.ToAddress == fromNetwork || m.ToAddress == robot))).ShouldBeFalse();

        // An allow-listed network is not limited.
        (await admin.PostFormAsync("/admin/petitions/abuse?handler=Add", new() { ["List"] = "Allow", ["Kind"] = "Network", ["Pattern"] = "198.51.100.0/24", ["Note"] = "Union office" }, "/admin/petitions/abuse"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        for (var i = 0; i < 25; i++)
        {
            (await SignAsync(Signer(address: "198.51.100.5"), slug, Form(NewEmail()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task A_network_trending_on_a_petition_raises_an_alert_for_administrators()
    {
        var (_, slug, id) = await PetitionAsync();
        var admin = await app.AdministratorAsync("en");
        await admin.PostFormAsync("/admin/petitions/abuse?handler=Add", new() { ["List"] = "Allow", ["Kind"] = "Network", ["Pattern"] = "100.64.7.0/24" }, "/admin/petitions/abuse");
        for (var i = 0; i < 50; i++)
        {
            await SignAsync(Signer(address: $"100.64.7.{i + 1}"), slug, Form(NewEmail("gmail.com")));
        }

        var alert = await app.WithDbAsync(db => db.PetitionAlerts.SingleAsync(a => a.StatementId == id));
        alert.Kind.ShouldBe("network"); // not gmail.com: thousands of genuine signers share it
        alert.Value.ShouldBe("100.64.7.0/24");
        (await admin.GetDocumentAsync("/admin/petitions/abuse")).Text("#alerts-title + ul").ShouldContain("50 signatures from 100.64.7.0/24");
        (await SmtpSink.WaitForMessageAsync(CollectifApp.AdminEmail, subjectContains: "Signatures inhabituelles")).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("Input.Email", "pas-une-adresse", "Email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.org.")]
    [InlineData("Input.Email", "a@b", "Email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.org.")]
    [InlineData("Input.Email", "jeanne@exa mple.org", "Email", "Saisissez une adresse e-mail valide, par exemple nom@exemple.org.")]
    [InlineData("Input.FirstName", "", "FirstName", "Saisissez votre prénom.")]
    [InlineData("Input.LastName", "Martin\u202Egro", "LastName", "Retirez les caractères invisibles ou de contrôle de ce champ.")]
    [InlineData("Input.FirstName", "Jeanne\u0007", "FirstName", "Retirez les caractères invisibles ou de contrôle de ce champ.")]
    [InlineData("Input.Country", "ZZ", "Country", "Choisissez un pays dans la liste.")]
    [InlineData("Input.Postcode", "75011<script>", "Postcode", "Un code postal compte au plus 12 lettres, chiffres, espaces ou tirets.")]
    public async Task Bad_input_gets_a_clear_message_next_to_its_field_and_nothing_is_kept(string field, string value, string id, string message)
    {
        var (_, slug, statementId) = await PetitionAsync();
        var form = Form(NewEmail());
        form[field] = value;
        var response = await SignAsync(Signer(), slug, form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadDocumentAsync();
        page.QuerySelector($"#sign-{id}-error").ShouldNotBeNull(page.QuerySelector("main")?.TextContent);
        page.Text($"#sign-{id}-error").ShouldBe(message);
        page.QuerySelector($"#sign-{id}")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await app.WithDbAsync(db => db.PetitionSignatures.AnyAsync(s => s.StatementId == statementId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Ten_thousand_character_names_forged_links_and_closed_petitions_get_clear_answers()
    {
        var (editor, slug, id) = await PetitionAsync();
        var huge = await SignAsync(Signer("en"), slug, Form(NewEmail(), first: new string('A', 10_000)));
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await huge.ReadDocumentAsync()).Text("#sign-FirstName-error").ShouldBe("Names are limited to 100 characters.");

        var forged = await app.Anonymous("en").GetAsync("/petitions/confirm/forged-token-value-1234567890");
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await forged.ReadDocumentAsync()).Text(".error").ShouldStartWith("This link is not valid");
        (await app.Anonymous("en").PostFormAsync("/petitions/confirm/forged-token-value-1234567890", [], $"/petitions/{slug}/sign")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Closing: no more signatures, and the page says so.
        var closes = app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        (await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Settings", new()
        {
            ["Goal"] = "1000",
            ["ClosesAt"] = TimeZoneInfo.ConvertTimeFromUtc(closes, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["PostcodeRule"] = "Required",
            ["CountryRule"] = "Hidden",
            ["AllowComment"] = "false",
            ["RetentionMonths"] = "6",
        }, $"/editor/statements/{slug}/petition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var missingPostcode = await SignAsync(Signer("en"), slug, Form(NewEmail(), postcode: null));
        missingPostcode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missingPostcode.ReadDocumentAsync()).Text("#sign-Postcode-error").ShouldBe("Enter your postcode.");

        app.Clock.Advance(TimeSpan.FromHours(2));
        var page = await app.Anonymous("en").GetDocumentAsync($"/statements/{slug}");
        page.QuerySelector("form.sign-form").ShouldBeNull();
        page.Text(".petition .notice").ShouldBe("This petition is closed: it no longer takes signatures.");
        var late = await SignAsync(Signer("en"), slug, Form(NewEmail()));
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.ReadDocumentAsync()).Text(".error").ShouldBe("This petition is closed: it no longer takes signatures.");
        (await app.WithDbAsync(db => db.PetitionSignatures.AnyAsync(s => s.StatementId == id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Two_hundred_people_signing_and_confirming_at_once_are_counted_exactly()
    {
        var (_, slug, id) = await PetitionAsync();
        var emails = Enumerable.Range(0, 200).Select(_ => NewEmail("gmail.com")).ToList();
        var signers = emails.Select(_ => Signer()).ToList();
        // Each form is fetched first (antiforgery), then all posts race; every other one is submitted twice (a double click).
        var tokens = await Task.WhenAll(signers.Select(async signer =>
            (await signer.GetDocumentAsync($"/petitions/{slug}/sign")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        Task<HttpResponseMessage> Post(int i) => signers[i].PostAsync($"/petitions/{slug}/sign",
            new FormUrlEncodedContent(Form(emails[i]).Append(new("__RequestVerificationToken", tokens[i]))));
        var posts = await Task.WhenAll(Enumerable.Range(0, 200).Select(Post).Concat(Enumerable.Range(0, 200).Where(i => i % 2 == 0).Select(Post)));
        if (posts.FirstOrDefault(p => p.StatusCode != HttpStatusCode.Redirect) is { } failed)
        {
            (await failed.ReadDocumentAsync()).QuerySelector("main")!.TextContent.ShouldBeNull();
        }

        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(200);

        // The links, read from the outbox (the first test follows one through the SMTP server).
        var bodies = await app.WithDbAsync(db => db.OutboxMessages.Where(m => emails.Contains(m.ToAddress)).ToDictionaryAsync(m => m.ToAddress, m => m.TextBody));
        var links = emails.Select(e => new Uri(ConfirmLink().Match(bodies[e]).Value).AbsolutePath).ToList();
        var confirmations = await Task.WhenAll(links.Select((link, i) => signers[i].PostAsync(link, new FormUrlEncodedContent([new("__RequestVerificationToken", tokens[i])]))));
        if (confirmations.FirstOrDefault(c => c.StatusCode != HttpStatusCode.OK) is { } unconfirmed)
        {
            (await unconfirmed.Content.ReadAsStringAsync()).ShouldBeNull();
        }

        confirmations.ShouldAllBe(c => c.StatusCode == HttpStatusCode.OK);
        (await CountAsync(id)).ShouldBe(200);
        var verification = await app.WithDbAsync(db => new Collectif.Features.Ledger.SignatureLedger(db, app.Clock).VerifyAsync(id, CancellationToken.None));
        verification.Intact.ShouldBeTrue();
        verification.Counted.Count.ShouldBe(200);
    }
}

/// <summary>The proof-of-work a petition under attack asks browsers for, checked the way the page script solves it.</summary>
public class ProofOfWorkTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    internal static string Solve(string challenge, int bits)
    {
        for (var n = 0; ; n++)
        {
            var candidate = $"{challenge}:{n}";
            if (ProofOfWork.HasLeadingZeros(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(candidate)), bits))
            {
                return candidate;
            }
        }
    }

    [Fact]
    public async Task Under_attack_a_signature_needs_a_solved_puzzle_that_can_be_used_only_once()
    {
        var editor = await app.SignedInAsync("en", Collectif.Features.Accounts.Roles.Editor);
        var slug = "attack-" + Guid.NewGuid().ToString("N")[..8];
        await editor.PostFormAsync("/editor/statements/new", CollectifApp.StatementForm("Sous attaque " + slug, "Texte.", slug, kind: "Petition"));
        await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit");
        (await editor.PostFormAsync($"/editor/statements/{slug}/petition?handler=Settings", new()
        {
            ["PostcodeRule"] = "Optional",
            ["CountryRule"] = "Optional",
            ["RetentionMonths"] = "6",
            ["ProofOfWork"] = "true",
        }, $"/editor/statements/{slug}/petition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signer = app.Anonymous("en");
        var form = await signer.GetDocumentAsync($"/statements/{slug}");
        var element = form.QuerySelector("form.sign-form")!;
        var challenge = element.GetAttribute("data-proof-of-work")!;
        var bits = int.Parse(element.GetAttribute("data-bits")!, System.Globalization.CultureInfo.InvariantCulture);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> Post(string email, string work) => signer.PostAsync($"/petitions/{slug}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Ada",
            ["Input.LastName"] = "Lovelace",
            ["Input.Email"] = email,
            ["Input.Work"] = work,
            ["__RequestVerificationToken"] = token,
        }));

        var unsolved = await Post($"a-{Guid.NewGuid():N}@example.org", "");
        unsolved.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unsolved.ReadDocumentAsync()).Text(".sign-form .error").ShouldStartWith("Your browser must solve a short puzzle");
        (await Post($"b-{Guid.NewGuid():N}@example.org", challenge + ":1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a wrong answer

        var solution = Solve(challenge, bits);
        (await Post($"c-{Guid.NewGuid():N}@example.org", solution)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Post($"d-{Guid.NewGuid():N}@example.org", solution)).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // used once

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // and only for half an hour
        var stale = Solve((await signer.GetDocumentAsync($"/statements/{slug}")).QuerySelector("form.sign-form")!.GetAttribute("data-proof-of-work")!, bits);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await Post($"e-{Guid.NewGuid():N}@example.org", stale)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
