using System.Diagnostics;
using System.Net;
using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Organizations;
using Collectif.Features.Press;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Press;

/// <summary>The press desk end to end: contacts in, a release out to a real SMTP server, tracked per recipient.</summary>
public class PressTests
{
    internal static string Domain() => $"press-{Guid.NewGuid():N}.example.org";

    /// <summary>A verified organization and a press release it issued, published or scheduled (embargo), with its English translation.</summary>
    internal static async Task<Statement> ReleaseAsync(CollectifApp app, DateTime? embargo = null, bool verified = true, string? contacts = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            var issuer = new Organization
            {
                Slug = "allmep-" + tag,
                Name = "Alliance for Middle East Peace " + tag,
                Acronym = "ALLMEP",
                VerifiedAt = verified ? now : null,
                VerificationMethod = verified ? VerificationMethod.Administrator : null,
                EmailDomains = [new OrganizationDomain { Domain = $"allmep-{tag}.example", VerifiedAt = verified ? now : null }],
            };
            db.Organizations.Add(issuer);
            var release = new Statement
            {
                Slug = "appel-de-paris-" + tag,
                Kind = StatementKind.PressRelease,
                Language = "fr",
                Title = "Appel de Paris pour la paix",
                Subtitle = "Des centaines de responsables de la société civile réunis à Paris",
                Body = "Vendredi soir, lors d’une réunion à l’Élysée, les participants ont remis leurs préoccupations.\n\n> « La paix se construit ensemble. » — Joelle Milman, ALLMEP",
                DatelineCity = "Paris",
                DatelineCountry = "France",
                MediaContacts = contacts ?? $"Joelle Milman — [press@allmep-{tag}.example](mailto:press@allmep-{tag}.example)",
                About = "L’Alliance réunit plus de 170 organisations.",
                BylineOrganization = issuer,
                Status = embargo is null ? StatementStatus.Published : StatementStatus.Scheduled,
                PublishedAt = embargo is null ? now : null,
                ScheduledAt = embargo,
                CreatedAt = now,
            };
            release.Revisions.Add(StatementRevision.Initial(release, now));
            db.Statements.Add(release);
            await db.SaveChangesAsync();
            var translation = new Statement
            {
                Slug = "paris-call-" + tag,
                Kind = StatementKind.PressRelease,
                Language = "en",
                Title = "Paris Call for Peace",
                Body = "On Friday evening, at the Élysée, attendees delivered their concerns.",
                DatelineCity = "Paris",
                DatelineCountry = "France",
                BylineOrganizationId = issuer.Id,
                Status = release.Status,
                PublishedAt = release.PublishedAt,
                ScheduledAt = embargo,
                TranslationOfId = release.Id,
                TranslatedFromRevision = 1,
                CreatedAt = now,
            };
            translation.Revisions.Add(StatementRevision.Initial(translation, now));
            db.Statements.Add(translation);
            await db.SaveChangesAsync();
            return release;
        });
    }

    /// <summary>A list of <paramref name="count"/> contacts at <paramref name="domain"/>; every third reads English first.</summary>
    internal static async Task<int> ListAsync(CollectifApp app, string domain, int count)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var list = new PressList { Name = "Presse " + domain, CreatedAt = now };
            for (var i = 0; i < count; i++)
            {
                var contact = ContactImporter.NewContact($"journaliste{i}@{domain}", $"Journaliste {i}", now);
                contact.Languages = i % 3 == 2 ? "en,fr" : "fr";
                list.Members.Add(new PressListMember { PressContact = contact });
            }

            db.PressLists.Add(list);
            await db.SaveChangesAsync();
            return list.Id;
        });
    }

    internal static async Task<HttpResponseMessage> ScheduleAsync(HttpClient officer, Statement release, int listId, string? sendAt = null) =>
        await officer.PostFormAsync($"/editor/press/releases/{release.Slug}/send?handler=Schedule",
            new() { ["ListIds"] = listId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SendAt"] = sendAt ?? "" },
            $"/editor/press/releases/{release.Slug}/send");

    private static async Task<int> ProcessAsync(CollectifApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException(what);
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_release_reaches_each_journalist_once_in_their_language_with_unsubscribe_headers_and_the_end_mark()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 6);
        var officer = await app.SignedInAsync("fr", Roles.PressOfficer);

        var scheduled = await ScheduleAsync(officer, release, listId);
        scheduled.StatusCode.ShouldBe(HttpStatusCode.Redirect, await scheduled.Content.ReadAsStringAsync());
        (await ProcessAsync(app)).ShouldBe(6);

        var messages = SmtpSink.MessagesToDomain(domain);
        messages.Count.ShouldBe(6);
        messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count().ShouldBe(6);
        var french = messages.Single(m => m.To.Mailboxes.Single().Address == $"journaliste0@{domain}");
        french.Subject.ShouldBe("Communiqué de presse : Appel de Paris pour la paix");
        french.TextBody!.ShouldContain("PARIS, FRANCE, 2 mars 2026 — Vendredi soir");
        french.TextBody!.ShouldContain("###");
        french.TextBody!.ShouldContain("Émis par");
        french.TextBody!.ShouldContain("(organisation vérifiée)");
        french.TextBody!.ShouldContain($"/statements/{release.Slug}");
        french.HtmlBody!.ShouldContain("<h1 style=\"font-size:26px;line-height:1.2;margin:8px 0\">Appel de Paris pour la paix</h1>");
        french.HtmlBody!.ShouldContain("<blockquote>");
        french.TextBody!.ShouldNotContain("EMBARGO");
        var unsubscribe = french.Headers["List-Unsubscribe"];
        unsubscribe.ShouldStartWith("<https://localhost/press/unsubscribe/");
        unsubscribe.ShouldEndWith("/one-click>");
        french.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        french.TextBody!.ShouldContain(unsubscribe.Trim('<', '>').Replace("/one-click", "", StringComparison.Ordinal));
        var english = messages.Single(m => m.To.Mailboxes.Single().Address == $"journaliste2@{domain}");
        english.Subject.ShouldBe("Press release: Paris Call for Peace");
        english.TextBody!.ShouldContain("PARIS, FRANCE, March 2, 2026 — On Friday evening");

        // The distribution page tells the same story.
        var distributionId = int.Parse(scheduled.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var progress = await officer.GetStringAsync($"/editor/press/distributions/{distributionId}/progress");
        progress.ShouldContain("\"sent\":6");
        progress.ShouldContain("\"queued\":0");
        var page = await officer.GetDocumentAsync($"/editor/press/distributions/{distributionId}");
        page.Text("#progress").ShouldContain("6 courriels envoyés");
        (await ProcessAsync(app)).ShouldBe(0); // nothing twice
    }

    [Fact]
    public async Task Under_embargo_the_mail_says_so_the_page_stays_hidden_and_nothing_leaves_before_the_chosen_minute()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var embargo = new DateTime(2026, 3, 3, 7, 0, 0, DateTimeKind.Utc); // 08:00 in Paris
        var release = await ReleaseAsync(app, embargo);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 2);
        var officer = await app.SignedInAsync("fr", Roles.PressOfficer);

        (await app.Anonymous().GetAsync($"/statements/{release.Slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ScheduleAsync(officer, release, listId, "2026-03-02T18:00")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ProcessAsync(app)).ShouldBe(0); // 10:00 in Paris: too early
        app.Clock.Advance(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(59));
        (await ProcessAsync(app)).ShouldBe(0); // 17:59
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await ProcessAsync(app)).ShouldBe(2); // 18:00

        var mail = SmtpSink.MessagesToDomain(domain).First(m => m.To.Mailboxes.Single().Address == $"journaliste0@{domain}");
        mail.Subject.ShouldBe("Sous embargo jusqu’au 3 mars 2026, 08:00 : Appel de Paris pour la paix");
        mail.TextBody!.ShouldStartWith("EMBARGO — NE PAS PUBLIER AVANT le mardi 3 mars 2026 à 08:00 (heure Europe/Paris)");
        mail.HtmlBody!.ShouldContain("EMBARGO — NE PAS PUBLIER AVANT le mardi 3 mars 2026 à 08:00");
        (await app.Anonymous().GetAsync($"/statements/{release.Slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // still under embargo
    }

    [Fact]
    public async Task One_click_unsubscribe_stops_the_mails_still_queued_and_every_later_one()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 3);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        (await ScheduleAsync(officer, release, listId, "2026-03-02T20:00")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await app.WithDbAsync(db => db.PressContacts.Where(c => c.EmailKey == $"journaliste1@{domain}").Select(c => c.UnsubscribeToken).SingleAsync());

        // What a mail client does with List-Unsubscribe-Post: no cookie, no antiforgery token.
        var oneClick = await app.Anonymous().PostAsync($"/press/unsubscribe/{token}/one-click", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        oneClick.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Anonymous().PostAsync("/press/unsubscribe/not-a-token/one-click", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        app.Clock.Advance(TimeSpan.FromHours(12));
        (await ProcessAsync(app)).ShouldBe(2);
        SmtpSink.MessagesToDomain(domain).Select(m => m.To.Mailboxes.Single().Address).ShouldNotContain($"journaliste1@{domain}");
        (await app.WithDbAsync(db => db.PressContacts.SingleAsync(c => c.EmailKey == $"journaliste1@{domain}"))).UnsubscribedAt.ShouldNotBeNull();
        var plan = await app.WithDbAsync(async db =>
        {
            var statement = await db.Statements.SingleAsync(s => s.Id == release.Id);
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DistributionService>().PlanAsync(statement, [listId], [], CancellationToken.None);
        });
        plan.Recipients.Count.ShouldBe(2);
        plan.Unsubscribed.ShouldBe(1);

        // The page from the mail's footer: opening it changes nothing, its button is a real form.
        var page = await app.Anonymous("fr").GetDocumentAsync($"/press/unsubscribe/{token}");
        page.Text("main").ShouldContain("ne recevra plus");
    }

    [Fact]
    public async Task The_pace_limit_holds_across_runs_and_resumes_when_the_minute_has_passed()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false, Settings = { ["Collectif:Email:MaxPerMinute"] = "4" } };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 10);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        (await ScheduleAsync(officer, release, listId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ProcessAsync(app)).ShouldBe(4);
        (await ProcessAsync(app)).ShouldBe(0);
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        (await ProcessAsync(app)).ShouldBe(0);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        (await ProcessAsync(app)).ShouldBe(4);
        app.Clock.Advance(TimeSpan.FromMinutes(1.1));
        (await ProcessAsync(app)).ShouldBe(2);
        SmtpSink.MessagesToDomain(domain).Count.ShouldBe(10);
    }

    [Fact]
    public async Task A_thousand_journalists_each_get_exactly_one_mail_when_the_sender_is_stopped_and_restarted_mid_send()
    {
        var domain = Domain();
        await using var first = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(first);
        var listId = await ListAsync(first, domain, 1000);
        var officer = await first.SignedInAsync("en", Roles.PressOfficer);
        (await ScheduleAsync(officer, release, listId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using (var sending = CollectifApp.Restart(first, runOutboxWorker: true))
        {
            _ = sending.Server; // the worker starts with the host
            sending.Services.GetRequiredService<OutboxSignal>().Notify();
            await WaitForAsync(() => SmtpSink.MessagesToDomain(domain).Count >= 150, "150 mails sent");
        } // stopped mid-send

        var sentBefore = await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference!.StartsWith("distribution:") && m.Status == OutboxStatus.Sent && m.ToAddress.EndsWith(domain)));
        sentBefore.ShouldBeLessThan(1000, "the sender was stopped before the end");
        await using (var restarted = CollectifApp.Restart(first, runOutboxWorker: true))
        {
            _ = restarted.Server;
            restarted.Services.GetRequiredService<OutboxSignal>().Notify();
            await WaitForAsync(() => restarted.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.EndsWith(domain) && m.Status != OutboxStatus.Sent)).GetAwaiter().GetResult() == 0, "all sent", 120);
        }

        var received = SmtpSink.MessagesToDomain(domain).GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        received.Count.ShouldBe(1000);
        received.Values.ShouldAllBe(count => count == 1);
    }

    [Fact]
    public async Task An_unverified_issuer_or_a_contact_on_an_unknown_domain_cannot_send_under_the_coalitions_name()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 1);

        var unverified = await ReleaseAsync(app, verified: false);
        var refused = await ScheduleAsync(officer, unverified, listId);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Only a verified organization can issue a press release");

        var strangeContact = await ReleaseAsync(app, contacts: "Press office — press@somewhere-else.example");
        var refusedContact = await ScheduleAsync(officer, strangeContact, listId);
        refusedContact.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refusedContact.ReadDocumentAsync()).Text(".error-summary").ShouldContain("somewhere-else.example");
        (await app.WithDbAsync(db => db.Distributions.CountAsync())).ShouldBe(0);
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.EndsWith(domain)))).ShouldBe(0);
    }

    [Fact]
    public async Task The_permalink_shows_who_issued_the_release_with_its_verification_and_the_editorial_policy()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);

        var page = await app.Anonymous("en").GetDocumentAsync($"/statements/{release.Slug}");
        var source = page.Text(".source");
        source.ShouldContain("Issued by");
        source.ShouldContain("Alliance for Middle East Peace");
        source.ShouldContain("verified organization since");
        page.QuerySelector(".source a[href='/editorial-policy']").ShouldNotBeNull();
        var jsonLd = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        jsonLd.GetProperty("@type").GetString().ShouldBe("NewsArticle");
        jsonLd.GetProperty("genre").GetString().ShouldBe("press release");
        jsonLd.GetProperty("publishingPrinciples").GetString().ShouldBe("https://localhost/editorial-policy");
        jsonLd.GetProperty("author").GetProperty("url").GetString()!.ShouldStartWith("https://localhost/organizations/allmep-");

        (await app.Anonymous("fr").GetDocumentAsync("/press")).Text("main").ShouldContain("Appel de Paris pour la paix");
        (await app.Anonymous("en").GetDocumentAsync("/editorial-policy")).Text("main").ShouldContain("only organizations that proved who they are");
    }

    [Fact]
    public async Task An_empty_list_a_past_time_and_unknown_addresses_get_clear_messages_and_queue_nothing()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var empty = await app.WithDbAsync(async db =>
        {
            var list = new PressList { Name = "Vide " + Guid.NewGuid().ToString("N")[..6] };
            db.PressLists.Add(list);
            await db.SaveChangesAsync();
            return list.Id;
        });
        var url = $"/editor/press/releases/{release.Slug}/send";

        var nobody = await ScheduleAsync(officer, release, empty);
        nobody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nobody.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Nobody to send to");

        var past = await ScheduleAsync(officer, release, empty, "2026-03-01T08:00");
        (await past.ReadDocumentAsync()).Text(".error-summary").ShouldContain("This time is in the past");

        var unknown = await officer.PostFormAsync(url + "?handler=Schedule", new() { ["Addresses"] = "nobody@nowhere.example\nalso-not@nowhere.example" }, url);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.ReadDocumentAsync()).Text(".error-summary").ShouldContain("nobody@nowhere.example");

        var notAList = await officer.PostFormAsync(url + "?handler=Schedule", new() { ["ListIds"] = "987654" }, url);
        notAList.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Distributions.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task The_preview_shows_both_languages_and_a_test_goes_to_the_officer_only()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var (email, password) = await app.CreateAccountAsync(Roles.PressOfficer);
        var officer = app.Anonymous("en");
        await CollectifApp.SignInAsync(officer, email, password);
        var url = $"/editor/press/releases/{release.Slug}/send";

        var preview = await (await officer.PostFormAsync(url + "?handler=Preview", [], url)).ReadDocumentAsync();
        preview.QuerySelectorAll("iframe.mail-frame").Length.ShouldBe(2);
        preview.QuerySelector("section[lang=en] pre.mail-text")!.TextContent.ShouldContain("PRESS RELEASE");
        preview.QuerySelector("section[lang=fr] pre.mail-text")!.TextContent.ShouldContain("COMMUNIQUÉ DE PRESSE");
        var frame = await officer.GetAsync($"/editor/press/releases/{release.Slug}/preview.en.html");
        frame.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        frame.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox;");
        (await frame.Content.ReadAsStringAsync()).ShouldContain("Paris Call for Peace");

        var test = await officer.PostFormAsync(url + "?handler=Test", [], url);
        test.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ProcessAsync(app)).ShouldBe(2);
        var received = SmtpSink.MessagesTo(email).ToList();
        received.Count.ShouldBe(2);
        received.ShouldAllBe(m => m.Subject!.StartsWith("[TEST] ", StringComparison.Ordinal));
        (await app.WithDbAsync(db => db.Distributions.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_bounce_marked_by_hand_shows_on_the_distribution_and_keeps_the_contact_out_of_the_next_sending()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 2);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var scheduled = await ScheduleAsync(officer, release, listId);
        var distribution = scheduled.Headers.Location!.OriginalString;
        (await ProcessAsync(app)).ShouldBe(2);
        var recipientId = await app.WithDbAsync(db => db.DistributionRecipients.Where(r => r.Email == $"journaliste0@{domain}").Select(r => r.Id).SingleAsync());

        var blank = await officer.PostFormAsync(distribution + "?handler=Bounce", new() { ["RecipientId"] = recipientId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "" }, distribution);
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var marked = await officer.PostFormAsync(distribution + "?handler=Bounce", new() { ["RecipientId"] = recipientId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "550 5.1.1 mailbox unknown" }, distribution);
        marked.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await officer.GetStringAsync(distribution + "/progress")).ShouldContain("\"bounced\":1");
        var contact = await app.WithDbAsync(db => db.PressContacts.SingleAsync(c => c.EmailKey == $"journaliste0@{domain}"));
        contact.BounceReason.ShouldBe("550 5.1.1 mailbox unknown");
        (await officer.GetDocumentAsync($"/editor/press/contacts/{contact.Id}")).Text("main").ShouldContain("550 5.1.1 mailbox unknown");
        var again = await ScheduleAsync(officer, release, listId);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProcessAsync(app)).ShouldBe(1);
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_sending_waits_visibly_and_goes_out_when_it_is_back()
    {
        await using var first = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(first);
        var domain = Domain();
        var listId = await ListAsync(first, domain, 3);
        var officer = await first.SignedInAsync("en", Roles.PressOfficer);
        var distribution = (await ScheduleAsync(officer, release, listId)).Headers.Location!.OriginalString;

        await using (var down = CollectifApp.Restart(first, smtpPort: Collectif.Tests.Email.OutboxTests.ClosedPort()))
        {
            (await ProcessAsync(down)).ShouldBe(0);
            var page = await (await down.SignedInAsync("en", Roles.PressOfficer)).GetDocumentAsync(distribution);
            page.Text("#progress").ShouldContain("3 mails queued");
            page.Text("main").ShouldContain("1 attempts; last error:");
        }

        first.Clock.Advance(TimeSpan.FromMinutes(2));
        (await ProcessAsync(first)).ShouldBe(3);
        SmtpSink.MessagesToDomain(domain).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Names_with_line_breaks_never_reach_mail_headers()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var domain = Domain();

        var refused = await officer.PostFormAsync("/editor/press/contacts/new", new() { ["Name"] = "Eve\r\nBcc: victim@example.org", ["Email"] = $"eve@{domain}", ["Languages"] = "fr", ["ConsentBasis"] = "LegitimateInterest" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badAddress = await officer.PostFormAsync("/editor/press/contacts/new", new() { ["Name"] = "Eve", ["Email"] = "eve@example.org\r\nBcc: victim@example.org", ["Languages"] = "fr", ["ConsentBasis"] = "LegitimateInterest" });
        badAddress.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badAddress.ReadDocumentAsync()).Text(".error-summary").ShouldContain("This is not an e-mail address.");

        // Even a name stored some other way is cleaned when the mail is built.
        var message = OutboxMessage.Create($"eve@{domain}", "Subject\r\nBcc: victim@example.org", "Text", app.Clock.GetUtcNow().UtcDateTime, toName: "Eve\r\nBcc: victim@example.org");
        var mime = SmtpMailSender.Build(message, null, new EmailOptions { FromAddress = "press@collectif.example" });
        mime.Bcc.Count.ShouldBe(0);
        mime.Headers.Count(h => h.Field == "Bcc").ShouldBe(0);
        mime.Subject.ShouldBe("Subject  Bcc: victim@example.org");
    }

    [Fact]
    public async Task Mail_is_dkim_signed_when_a_key_is_configured_and_the_signature_verifies()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var keyFile = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportRSAPrivateKeyPem());
        try
        {
            var options = new EmailOptions { FromAddress = "press@collectif.example", Dkim = { Domain = "collectif.example", Selector = "mail", PrivateKeyPath = keyFile } };
            var message = OutboxMessage.Create("journaliste@example.org", "Communiqué : Appel de Paris", "Texte du communiqué", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), html: "<p>Texte</p>");
            message.UnsubscribeUrl = "https://collectif.example/press/unsubscribe/abc";
            var mime = SmtpMailSender.Build(message, null, options);

            var signature = mime.Headers[MimeKit.HeaderId.DkimSignature] ?? "";
            signature.ShouldContain("d=collectif.example");
            signature.ShouldContain("s=mail");
            signature.ShouldContain("list-unsubscribe");
            var locator = new PublicKey(Org.BouncyCastle.Security.DotNetUtilities.GetRsaPublicKey(rsa.ExportParameters(false)));
            var verifier = new MimeKit.Cryptography.DkimVerifier(locator);
            var header = mime.Headers[mime.Headers.IndexOf(MimeKit.HeaderId.DkimSignature)];
            (await verifier.VerifyAsync(mime, header)).ShouldBeTrue();
            mime.Subject = "Changed";
            (await verifier.VerifyAsync(mime, header)).ShouldBeFalse();
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task Two_senders_sharing_the_outbox_send_every_mail_exactly_once()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false, Settings = { ["Collectif:Email:BatchSize"] = "7" } };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 120);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        (await ScheduleAsync(officer, release, listId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Two workers, as two instances would run them, each with its own scope and connection.
        var sent = await Task.WhenAll(ProcessAsync(app), ProcessAsync(app));

        sent.Sum().ShouldBe(120);
        var received = SmtpSink.MessagesToDomain(domain).GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        received.Count.ShouldBe(120);
        received.ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public async Task Cancelling_a_scheduled_distribution_sends_nothing_and_says_so()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 4);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var distribution = (await ScheduleAsync(officer, release, listId, "2026-03-02T15:00")).Headers.Location!.OriginalString;

        (await officer.PostFormAsync(distribution + "?handler=Cancel", [], distribution)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromHours(6));
        (await ProcessAsync(app)).ShouldBe(0);
        SmtpSink.MessagesToDomain(domain).ShouldBeEmpty();
        (await officer.GetStringAsync(distribution + "/progress")).ShouldContain("\"cancelled\":4");
        (await officer.GetDocumentAsync(distribution)).Text("main").ShouldContain("Cancelled: the mails not yet sent were not sent.");
    }

    [Fact]
    public async Task Erasing_a_contact_cancels_its_queued_mail_and_leaves_no_name_or_address_in_the_history()
    {
        await using var app = new CollectifApp { RunOutboxWorker = false };
        var release = await ReleaseAsync(app);
        var domain = Domain();
        var listId = await ListAsync(app, domain, 2);
        var officer = await app.SignedInAsync("en", Roles.PressOfficer);
        var distribution = (await ScheduleAsync(officer, release, listId, "2026-03-02T15:00")).Headers.Location!.OriginalString;
        var contactId = await app.WithDbAsync(db => db.PressContacts.Where(c => c.EmailKey == $"journaliste0@{domain}").Select(c => c.Id).SingleAsync());

        var erased = await officer.PostFormAsync($"/editor/press/contacts/{contactId}?handler=Erase", [], $"/editor/press/contacts/{contactId}");
        erased.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        app.Clock.Advance(TimeSpan.FromHours(6));
        (await ProcessAsync(app)).ShouldBe(1);
        (await app.WithDbAsync(db => db.PressContacts.AnyAsync(c => c.Id == contactId))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.DistributionRecipients.AnyAsync(r => r.Email.Contains("journaliste0")))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress.Contains("journaliste0") && m.ToAddress.EndsWith(domain)))).ShouldBeFalse();
        (await officer.GetDocumentAsync(distribution)).Text("main").ShouldNotContain("journaliste0");
    }

    private sealed class PublicKey(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key) : MimeKit.Cryptography.IDkimPublicKeyLocator
    {
        public Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => key;

        public Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) => Task.FromResult(key);
    }
}
