using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Collectif.Features.Accounts;
using Collectif.Features.Ledger;
using Collectif.Features.Organizations;
using Collectif.Features.SignOn;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.SignOn;

/// <summary>Organizations sign through their delegates; the list, the ledger and the count follow.</summary>
public partial class SignOnTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private sealed record Member(Organization Organization, string Email, HttpClient Client);

    /// <summary>Current member organizations, each with a signed-in delegate.</summary>
    private async Task<List<Member>> MembersAsync(int count)
    {
        var members = new List<Member>();
        for (var i = 0; i < count; i++)
        {
            var (organization, client) = await app.OrganizationWithDelegateAsync("fr");
            var email = await app.WithDbAsync(async db =>
            {
                db.Memberships.Add(new Membership { OrganizationId = organization.Id, JoinedOn = new DateOnly(2020, 1, 1) });
                await db.SaveChangesAsync();
                return await db.Delegations.Where(d => d.OrganizationId == organization.Id).Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => a.Email!).SingleAsync();
            });
            members.Add(new Member(organization, email, client));
        }

        return members;
    }

    /// <summary>A statement with a sign-on open to the given members until the deadline.</summary>
    private async Task<(HttpClient Editor, string Slug)> OpenAsync(IEnumerable<Member> members, string rule, TimeSpan deadline, bool publish = false)
    {
        var editor = await app.SignedInAsync("en", Roles.Editor);
        var slug = "appel-" + Guid.NewGuid().ToString("N")[..8];
        (await editor.PostFormAsync("/editor/statements/new", CollectifApp.StatementForm("Appel commun", "Nous signons ensemble.", slug))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        if (publish)
        {
            await PublishAsync(editor, slug);
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("AllMembers", "false"),
            new("Deadline", (app.Clock.GetUtcNow().UtcDateTime + deadline + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)),
            new("Rule", rule),
        };
        fields.AddRange(members.Select(m => new KeyValuePair<string, string>("Members", m.Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var page = await (await editor.GetAsync($"/editor/statements/{slug}/sign-on")).ReadDocumentAsync();
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        var opened = await editor.PostAsync($"/editor/statements/{slug}/sign-on", new FormUrlEncodedContent(fields));
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, await opened.Content.ReadAsStringAsync());
        return (editor, slug);
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string slug, Member member, string choice, string? token = null)
    {
        var query = token is null ? "" : $"?t={Uri.EscapeDataString(token)}";
        var fields = new Dictionary<string, string> { ["OrganizationId"] = member.Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Choice"] = choice };
        if (token is not null)
        {
            fields["t"] = token;
        }

        return client.PostFormAsync($"/sign-on/{slug}{query}", fields, $"/sign-on/{slug}{query}");
    }

    private async Task<List<string>> ListedAsync(string slug) =>
        (await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}")).QuerySelectorAll(".signatory-list li").Select(li => string.Join(' ', li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();

    private async Task PassTimeAsync(TimeSpan by)
    {
        var scheduler = app.Services.GetRequiredService<SignOnScheduler>();
        var pass = scheduler.NextPassAsync();
        app.Clock.Advance(by);
        await pass;
    }

    /// <summary>Sessions end while the fake clock runs for days: people sign in again.</summary>
    private async Task<Member> AgainAsync(Member member)
    {
        var client = app.Anonymous("fr");
        await CollectifApp.SignInAsync(client, member.Email, CollectifApp.TestPassword);
        return member with { Client = client };
    }

    private static async Task PublishAsync(HttpClient editor, string slug) =>
        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private static string TokenFrom(MimeKit.MimeMessage mail) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(LinkPattern().Match(mail.TextBody!).Value).Query)["t"]!;

    [Fact]
    public async Task With_explicit_consent_only_yes_counts_and_the_mailed_link_works_without_signing_in()
    {
        var members = await MembersAsync(3);
        var (editor, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3));

        var invitation = await SmtpSink.WaitForMessageAsync(members[0].Email);
        invitation.Subject.ShouldStartWith($"{members[0].Organization.Name} signera-t-elle");
        var link = new Uri(LinkPattern().Match(invitation.TextBody!).Value);
        var stranger = app.Anonymous("fr");
        var page = await stranger.GetDocumentAsync(link.PathAndQuery);
        page.Text("h1").ShouldBe("Votre organisation signe-t-elle ?");
        (await app.WithDbAsync(db => db.SignOnAnswers.CountAsync(a => db.SignOns.Any(s => s.Id == a.SignOnId && s.Statement!.Slug == slug)))).ShouldBe(0); // opening the link answers nothing

        var signed = await AnswerAsync(stranger, slug, members[0], "Sign", TokenFrom(invitation));
        signed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var receipt = await stranger.GetDocumentAsync(signed.Headers.Location!.OriginalString);
        receipt.Text(".success").ShouldStartWith("Enregistré. Votre reçu : entrée 1 du registre public");
        (await AnswerAsync(members[1].Client, slug, members[1], "Decline")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await PassTimeAsync(TimeSpan.FromDays(4));
        editor = await app.SignedInAsync("en", Roles.Editor);
        await PublishAsync(editor, slug);

        (await ListedAsync(slug)).ShouldBe([members[0].Organization.Name]);
        var board = await editor.GetDocumentAsync($"/editor/statements/{slug}/sign-on");
        board.QuerySelectorAll(".tally strong").Select(s => s.TextContent).ShouldBe(["1", "1", "0", "1"]);
    }

    [Fact]
    public async Task With_silent_consent_members_who_did_not_object_are_counted_and_marked_and_the_ledger_proves_the_count()
    {
        var members = await MembersAsync(3);
        var (editor, slug) = await OpenAsync(members, "Silent", TimeSpan.FromDays(2));
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        await AnswerAsync(members[1].Client, slug, members[1], "Decline");

        await PassTimeAsync(TimeSpan.FromDays(3));
        await PublishAsync(await app.SignedInAsync("en", Roles.Editor), slug);

        var listed = await ListedAsync(slug);
        listed.Count.ShouldBe(2);
        listed.ShouldContain($"{members[2].Organization.Name} — sauf avis contraire");
        listed.ShouldNotContain(l => l.StartsWith(members[1].Organization.Name, StringComparison.Ordinal));
        var ledger = await app.Anonymous().GetDocumentAsync($"/statements/{slug}/signatures");
        ledger.Text(".ledger-status").ShouldContain("The 2 signatories listed are exactly those the chain proves");
        ledger.Text(".ledger-status").ShouldContain("The chain holds: 2 entries");
    }

    [Fact]
    public async Task Instances_passing_at_the_same_moment_remind_once_and_count_silent_consent_once()
    {
        var members = await MembersAsync(3);
        var (_, slug) = await OpenAsync(members, "Silent", TimeSpan.FromDays(10));
        var signOnId = await app.WithDbAsync(db => db.SignOns.Where(s => s.Statement!.Slug == slug).Select(s => s.Id).SingleAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // Four passes at once, each in its own scope (its own connection), as instances would meet.
        async Task<int[]> PassesAsync(Func<SignOnService, Task<int>> pass)
        {
            using var start = new ManualResetEventSlim();
            var passes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var service = scope.ServiceProvider.GetRequiredService<SignOnService>();
                start.Wait();
                return await pass(service);
            })).ToList();
            start.Set();
            return await Task.WhenAll(passes);
        }

        // The deadline comes within the reminder's horizon, without the clock moving (the app's own scheduler stays out).
        await app.WithDbAsync(db => db.SignOns.Where(s => s.Id == signOnId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Deadline, now.AddHours(24))));
        (await PassesAsync(service => service.RemindDueAsync(CancellationToken.None))).Sum().ShouldBe(1);
        foreach (var member in members)
        {
            (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == member.Email && m.Subject.Contains("Rappel")))).ShouldBe(1, member.Email);
        }

        await app.WithDbAsync(db => db.SignOns.Where(s => s.Id == signOnId).ExecuteUpdateAsync(set => set.SetProperty(s => s.Deadline, now.AddMinutes(-1))));
        (await PassesAsync(service => service.CloseDueAsync(CancellationToken.None))).Sum().ShouldBe(1);
        var statementId = await app.WithDbAsync(db => db.Statements.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        (await app.WithDbAsync(db => db.StatementSignatories.CountAsync(s => s.StatementId == statementId && s.Kind == SignatureKind.SilentConsent))).ShouldBe(3);
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.StatementId == statementId))).ShouldBe(3);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == Collectif.Features.Audit.AuditActions.SignOnClosed && e.Subject == $"statement:{slug}"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_reminder_reaches_those_who_have_not_answered_before_the_deadline()
    {
        var members = await MembersAsync(2);
        var (_, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(5));
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");

        await PassTimeAsync(TimeSpan.FromDays(4)); // now within 48 hours of the deadline

        var reminder = await SmtpSink.WaitForMessageAsync(members[1].Email, subjectContains: "Rappel");
        reminder.TextBody!.ShouldContain($"/sign-on/{slug}?t=");
        SmtpSink.MessagesTo(members[0].Email).ShouldNotContain(m => (m.Subject ?? "").StartsWith("Rappel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_of_text_asks_signers_to_confirm_and_they_are_not_listed_until_they_do()
    {
        var members = await MembersAsync(1);
        var (editor, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3), publish: true);
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        (await ListedAsync(slug)).Count.ShouldBe(1);

        await editor.PostFormAsync($"/editor/statements/{slug}/edit", CollectifApp.StatementForm("Appel commun", "Nous signons ensemble, et fermement.", slug, baseRevision: 1), $"/editor/statements/{slug}/edit");

        (await ListedAsync(slug)).ShouldBeEmpty();
        var mail = await SmtpSink.WaitForMessageAsync(members[0].Email, subjectContains: "a changé");
        mail.TextBody!.ShouldContain("n’y figure pas");
        var page = await members[0].Client.GetDocumentAsync($"/sign-on/{slug}");
        page.QuerySelectorAll(".diff ins").Select(i => i.TextContent.Trim()).ShouldContain(", et fermement");

        (await AnswerAsync(members[0].Client, slug, members[0], "Sign")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ListedAsync(slug)).Count.ShouldBe(1);
        var actions = await app.WithDbAsync(db => db.LedgerEntries.Where(e => db.Statements.Any(s => s.Id == e.StatementId && s.Slug == slug)).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        actions.ShouldBe(["signed", "confirmed"]);
    }

    [Fact]
    public async Task Late_signatures_are_listed_apart_with_their_date_and_a_withdrawal_leaves_a_dated_notice()
    {
        var members = await MembersAsync(2);
        var (editor, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(1));
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        await PassTimeAsync(TimeSpan.FromDays(2));
        members = [await AgainAsync(members[0]), await AgainAsync(members[1])];
        editor = await app.SignedInAsync("en", Roles.Editor);

        var early = await AnswerAsync(members[1].Client, slug, members[1], "Sign");
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not published yet: closed
        (await early.ReadDocumentAsync()).Text(".error-summary").ShouldContain("L’échéance est passée");

        await PublishAsync(editor, slug);
        (await AnswerAsync(members[1].Client, slug, members[1], "Sign")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        page.Text(".signatory-list.later").ShouldContain(members[1].Organization.Name);
        page.Text(".signatory-list.later").ShouldContain("2026"); // with its date

        var withdrawn = await members[0].Client.PostFormAsync($"/sign-on/{slug}?handler=Withdraw", new() { ["OrganizationId"] = members[0].Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "Désaccord sur le paragraphe 2." }, $"/sign-on/{slug}");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        page.Text(".withdrawals").ShouldContain($"{members[0].Organization.Name} a retiré sa signature le");
        page.Text(".withdrawals").ShouldContain("Désaccord sur le paragraphe 2.");
        var listed = await ListedAsync(slug);
        listed.Count.ShouldBe(1);
        listed[0].ShouldStartWith(members[1].Organization.Name);
    }

    [Fact]
    public async Task Double_submits_forged_links_and_other_organizations_are_refused_and_counted_once()
    {
        var members = await MembersAsync(2);
        var (_, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3), publish: true);

        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        (await ListedAsync(slug)).Count.ShouldBe(1);
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => db.Statements.Any(s => s.Id == e.StatementId && s.Slug == slug)))).ShouldBe(1);

        var other = await AnswerAsync(members[0].Client, slug, members[1], "Sign");
        other.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await other.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Vous n’êtes pas délégué·e de cette organisation");

        var token = TokenFrom(await SmtpSink.WaitForMessageAsync(members[1].Email));
        var forged = await app.Anonymous("fr").GetAsync($"/sign-on/{slug}?t={Uri.EscapeDataString(token[..^4] + "AAAA")}");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.ReadDocumentAsync()).Text(".error").ShouldContain("Ce lien n’est pas valable");
        (await app.Anonymous().GetAsync($"/sign-on/{slug}")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // to sign in
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sign-on.refused" && a.Subject == $"statement:{slug}"))).ShouldBe(2);
        (await (await app.SignedInAsync("en")).GetAsync($"/sign-on/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answers_arriving_at_the_same_moment_each_get_their_own_ledger_entry()
    {
        var members = await MembersAsync(6);
        var (_, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3), publish: true);

        await Task.WhenAll(members.Concat(members).Select(async member =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>();
            var statement = await db.Statements.AsNoTracking().SingleAsync(s => s.Slug == slug);
            var signOn = await db.SignOns.AsNoTracking().SingleAsync(s => s.StatementId == statement.Id);
            (await scope.ServiceProvider.GetRequiredService<SignOnService>().AnswerAsync(statement, signOn, member.Organization.Id, null, AnswerChoice.Sign, null, CancellationToken.None)).Done.ShouldBeTrue();
        }));

        var entries = await app.WithDbAsync(db => db.LedgerEntries.Where(e => db.Statements.Any(s => s.Id == e.StatementId && s.Slug == slug)).OrderBy(e => e.Id).ToListAsync());
        var verification = SignatureLedger.Verify(entries);
        verification.Intact.ShouldBeTrue(verification.Reason);
        entries.Count.ShouldBe(6); // each organization once, though each answered twice
        (await ListedAsync(slug)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task Tampering_with_the_ledger_in_the_database_is_found_and_the_entry_named_by_the_command_line()
    {
        var members = await MembersAsync(3);
        var (_, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3), publish: true);
        foreach (var member in members)
        {
            // A real clock has ticks below the microsecond, which PostgreSQL does not keep: the hash
            // must be of what is stored, or every entry would read back as altered.
            app.Clock.Advance(TimeSpan.FromTicks(1_234_567));
            await AnswerAsync(member.Client, slug, member, "Sign");
        }

        app.Clock.Advance(TimeSpan.FromTicks(7_654_321));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LedgerCheckpoints>().CreateDueAsync(CancellationToken.None);
        }

        var (code, output) = await VerifyAsync(slug);
        code.ShouldBe(0, output);
        output.ShouldContain("OK: 3 entries");
        output.ShouldContain("The page lists 3 signatories; the ledger proves 3.");
        output.ShouldContain("OK: checkpoint at entry 3");

        var statementId = await app.WithDbAsync(db => db.Statements.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"LedgerEntries\" SET \"Signer\" = 'Someone else' WHERE \"StatementId\" = {statementId} AND \"Sequence\" = 2"));
        (code, output) = await VerifyAsync(slug);
        code.ShouldBe(1);
        output.ShouldContain("BROKEN at entry 2: entry 2 was altered");

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"LedgerEntries\" WHERE \"StatementId\" = {statementId} AND \"Sequence\" = 2"));
        (code, output) = await VerifyAsync(slug);
        code.ShouldBe(1);
        output.ShouldContain("BROKEN at entry 2: entry 2 is missing or out of order");
    }

    [Fact]
    public async Task An_outsider_verifies_the_published_ledger_with_the_public_key_and_a_rewritten_export_fails()
    {
        var members = await MembersAsync(2);
        var (_, slug) = await OpenAsync(members, "Explicit", TimeSpan.FromDays(3), publish: true);
        await AnswerAsync(members[0].Client, slug, members[0], "Sign");
        await AnswerAsync(members[1].Client, slug, members[1], "Sign");
        await PassTimeAsync(TimeSpan.FromMinutes(2)); // the scheduler signs the first checkpoint

        var folder = Directory.CreateTempSubdirectory("ledger-export-").FullName;
        var reader = app.Anonymous();
        await File.WriteAllTextAsync(Path.Combine(folder, "entries.jsonl"), await reader.GetStringAsync($"/statements/{slug}/ledger"));
        await File.WriteAllTextAsync(Path.Combine(folder, "checkpoints.jsonl"), await reader.GetStringAsync($"/statements/{slug}/ledger/checkpoints"));
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), await reader.GetStringAsync("/ledger/public-key.pem"));
        (await reader.GetStringAsync($"/statements/{slug}/ledger.atom")).ShouldContain("Checkpoint: entry 2");
        string[] verify = ["verify-ledger", "--file", Path.Combine(folder, "entries.jsonl"), "--checkpoints", Path.Combine(folder, "checkpoints.jsonl"), "--key", Path.Combine(folder, "key.pem")];

        var (code, output) = await RunCliAsync(verify, outsider: true);
        code.ShouldBe(0, output);
        output.ShouldContain("OK: checkpoint at entry 2");

        // Someone rewrites the export consistently (every hash recomputed): only the signed checkpoint catches it.
        var entries = (await File.ReadAllLinesAsync(Path.Combine(folder, "entries.jsonl"))).Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonSerializer.Deserialize<PublishedEntry>(l, SignatureLedger.Json)!.ToEntry()).ToList();
        entries[0].Signer = "Forged organization";
        var previous = LedgerEntry.Genesis;
        foreach (var entry in entries)
        {
            entry.PreviousHash = previous;
            entry.Hash = entry.Recompute();
            previous = entry.Hash;
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, "entries.jsonl"), entries.Select(e => System.Text.Json.JsonSerializer.Serialize(PublishedEntry.Of(e), SignatureLedger.Json)));
        (code, output) = await RunCliAsync(verify, outsider: true);
        code.ShouldBe(1);
        output.ShouldContain("BROKEN at entry 2: it differs from what the signed checkpoint");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_seed_list_is_produced_by_a_sign_on_instead_of_typed()
    {
        await using var demo = new DemoApp();
        // The 48 members of the seed list (the demo also has the verified issuer of its press release).
        var organizations = await demo.WithDbAsync(db => db.Organizations.Where(o => o.Memberships.Any()).ToListAsync());
        organizations.Count.ShouldBe(48);
        await demo.WithDbAsync(async db =>
        {
            var statement = new Statement { Slug = "liste-regeneree", Title = "Libérez Omar Alsoumi", Body = "Texte.", Status = StatementStatus.Published, PublishedAt = demo.Clock.GetUtcNow().UtcDateTime };
            statement.Revisions.Add(StatementRevision.Initial(statement, demo.Clock.GetUtcNow().UtcDateTime));
            db.Statements.Add(statement);
            await db.SaveChangesAsync();
        });
        await using (var scope = demo.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>();
            var service = scope.ServiceProvider.GetRequiredService<SignOnService>();
            var statement = await db.Statements.SingleAsync(s => s.Slug == "liste-regeneree");
            (await service.OpenAsync(statement, new SignOnService.Invitees(organizations.Select(o => o.Id).ToList(), []), demo.Clock.GetUtcNow().UtcDateTime.AddDays(2), ConsentRule.Explicit, null, CancellationToken.None)).Done.ShouldBeTrue();
            var signOn = await db.SignOns.SingleAsync(s => s.StatementId == statement.Id);
            foreach (var organization in organizations)
            {
                (await service.AnswerAsync(statement, signOn, organization.Id, null, AnswerChoice.Sign, null, CancellationToken.None)).Done.ShouldBeTrue();
            }
        }

        var produced = (await demo.Anonymous("fr").GetDocumentAsync("/statements/liste-regeneree")).QuerySelectorAll(".signatory-list li a").Select(a => a.TextContent.Trim()).ToList();
        var imported = (await demo.Anonymous("fr").GetDocumentAsync("/statements/liberez-omar-alsoumi")).QuerySelectorAll(".signatory-list li a").Select(a => a.TextContent.Trim()).ToList();
        produced.ShouldBe(imported);
        produced.ShouldBe(Organizations.SignatoryListParserTests.SeedOrganizations.Select(o => o.Name).OrderBy(Collectif.Text.TextKey.Sort, StringComparer.Ordinal));
        var english = await demo.Anonymous("en").GetDocumentAsync("/statements/liste-regeneree");
        english.Text("#signatories-title").ShouldBe("Signatories (48)");
    }

    private Task<(int Code, string Output)> VerifyAsync(string slug) => RunCliAsync(["verify-ledger", slug], outsider: false);

    private async Task<(int Code, string Output)> RunCliAsync(string[] args, bool outsider)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.CollectifDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (!outsider)
        {
            foreach (var (name, value) in app.CommandLineEnvironment)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Collectif__MigrateOnStart"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"https?://\S+/sign-on/\S+")]
    private static partial Regex LinkPattern();
}

/// <summary>The list grouped by kind when the coalition wants it, the same on the page, in the API and the feed.</summary>
public class SignatoryListLayoutTests
{
    [Fact]
    public async Task The_secretariat_groups_the_list_by_kind_and_the_api_and_feed_follow()
    {
        await using var demo = new DemoApp();
        var admin = await demo.AdministratorAsync("fr");
        var saved = await admin.PostMultipartAsync("/admin/coalition", new()
        {
            ["Form.NameFr"] = "Collectif National pour une Paix Juste et Durable entre Palestiniens et Israéliens",
            ["Form.NameEn"] = "National Collective for a Just and Lasting Peace Between Palestinians and Israelis",
            ["Form.Acronym"] = "CNPJDPI",
            ["Form.Languages"] = "fr",
            ["Form.TimeZone"] = "Europe/Paris",
            ["Form.GroupSignatoriesByKind"] = "true",
        }, []);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

        var page = await demo.Anonymous("fr").GetDocumentAsync("/statements/liberez-omar-alsoumi");
        var headings = page.QuerySelectorAll(".signatories h3").Select(h => string.Join(' ', h.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        headings.ShouldContain("Syndicats (4)");
        headings.ShouldContain(h => h.StartsWith("Partis politiques", StringComparison.Ordinal));
        page.QuerySelectorAll(".signatory-list li").Length.ShouldBe(48);

        var api = await demo.Anonymous().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/statements/liberez-omar-alsoumi/signatories");
        api.GetProperty("count").GetInt32().ShouldBe(48);
        api.GetProperty("signatories").EnumerateArray().Select(s => s.GetProperty("line").GetString()).ShouldContain("Confédération générale du Travail (CGT)");
        api.GetProperty("signatories").EnumerateArray().Count(s => s.GetProperty("organizationKind").GetString() == "Union").ShouldBe(4);
        (await demo.Anonymous().GetAsync("/api/statements/nope/signatories")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var feed = await demo.Anonymous().GetStringAsync("/feeds/statements.atom");
        feed.ShouldContain("Confédération générale du Travail (CGT) –");
    }
}
