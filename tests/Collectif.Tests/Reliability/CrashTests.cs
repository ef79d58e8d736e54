using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Ledger;
using Collectif.Features.Petitions;
using Collectif.Tests.Cli;
using Collectif.Tests.Features.Press;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Reliability;

/// <summary>
/// The crash harness: the real executable takes signatures, confirmations and a press send from
/// concurrent clients while it is killed with SIGKILL at random moments and started again, over
/// and over. Afterwards nothing a client was told is lost, the ledger verifies, counts are exact,
/// and every mail of the outbox reached the SMTP server under one Message-Id.
/// <c>COLLECTIF_CRASH_KILLS</c> sets the number of kills per run (100 in <c>./test</c>, on SQLite
/// and again on PostgreSQL; docs/reliability.md has the long run).
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output)
{
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("COLLECTIF_CRASH_KILLS"), out var kills) && kills > 0 ? kills : 100;

    [GeneratedRegex(@"https?://\S+/petitions/confirm/\S+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"^<?outbox-(\d+)-")]
    private static partial Regex OutboxMessageId();

    /// <summary>What the clients were told, and what went wrong on their side.</summary>
    private sealed class Ledger
    {
        public ConcurrentDictionary<string, bool> SignedAcknowledged { get; } = new();
        public ConcurrentDictionary<string, bool> ConfirmedAcknowledged { get; } = new();
        public ConcurrentDictionary<string, string> ConfirmationLinks { get; } = new();
        public ConcurrentQueue<string> Unexpected { get; } = new();
        public int Interrupted;

        /// <summary>503 "try again": a clean refusal while a restarted instance is not ready, nothing acknowledged.</summary>
        public int Unavailable;
    }

    [Fact]
    public async Task Killed_at_random_moments_under_load_it_loses_no_acknowledged_signature_and_every_mail_reaches_the_server_under_one_id()
    {
        // Set up with the in-process application, then leave the database to the executable.
        await using var setup = new CollectifApp { RunOutboxWorker = false };
        var (_, slug, statementId) = await setup.PublishedStatementAsync();
        var pressDomain = PressTests.Domain();
        var release = await PressTests.ReleaseAsync(setup);
        var listId = await PressTests.ListAsync(setup, pressDomain, 300);
        var officer = await setup.SignedInAsync("en", Roles.PressOfficer);
        (await PressTests.ScheduleAsync(officer, release, listId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pressMails = await setup.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.EndsWith("@" + pressDomain)));
        pressMails.ShouldBe(300);

        var signerDomain = $"crash-{Guid.NewGuid():N}.example.org";
        var environment = AppProcess.EnvironmentFor(setup);

        await using var app = new AppProcess(environment);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        };
        app.Start();
        await app.WaitUntilHealthyAsync();
        var (cookie, token) = await AntiforgeryAsync(http, slug);

        var told = new Ledger();
        using var stop = new CancellationTokenSource();
        var next = 0;
        var signers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = $"s{Interlocked.Increment(ref next)}@{signerDomain}";
                await PostAsync(http, told, $"/petitions/{slug}/sign", cookie, token, new()
                {
                    ["Input.FirstName"] = "Camille",
                    ["Input.LastName"] = "Durand",
                    ["Input.Email"] = email,
                    ["Input.Postcode"] = "75011",
                    ["Input.Country"] = "FR",
                    ["Input.Public"] = "true",
                }, HttpStatusCode.Redirect, () => told.SignedAcknowledged[email] = true);
            }
        })).ToList();
        using var stopConfirming = new CancellationTokenSource();
        var confirmer = Task.Run(async () =>
        {
            while (!stopConfirming.IsCancellationRequested)
            {
                await ConfirmWaitingAsync(http, told, signerDomain, cookie, token);
                await Task.Delay(200);
            }
        });

        // The kills: most under load at a random moment after the instance is serving, one in ten
        // while it is still starting (migrations, start-up writes).
        var random = new Random();
        var clock = Stopwatch.StartNew();
        for (var kill = 0; kill < Kills; kill++)
        {
            if (!app.IsRunning)
            {
                app.Start();
            }

            if (kill % 10 == 9)
            {
                await Task.Delay(random.Next(0, 1500));
            }
            else
            {
                await app.WaitUntilHealthyAsync();
                await Task.Delay(random.Next(50, 600));
            }

            app.Kill();
        }

        var killing = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(signers);

        // A last start: the instance drains the outbox (claims of killed instances expire) and the
        // confirmer catches up with the mail that was still queued.
        app.Start();
        await app.WaitUntilHealthyAsync();
        await WaitForAsync(async () => await setup.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending)) == 0, "the outbox is drained", app);
        await WaitForAsync(() => Task.FromResult(told.SignedAcknowledged.Keys.All(told.ConfirmationLinks.ContainsKey)), "every acknowledged signer got the confirmation mail", app);
        await stopConfirming.CancelAsync();
        await confirmer;
        await ConfirmWaitingAsync(http, told, signerDomain, cookie, token);
        using var counter = await http.GetAsync($"/api/petitions/{slug}/count");
        var publicCount = System.Text.Json.JsonDocument.Parse(await counter.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
        await app.StopAsync();

        told.Unexpected.ShouldBeEmpty();
        told.SignedAcknowledged.Count.ShouldBeGreaterThan(Kills / 2, "the clients kept signing between kills");

        // 1. Every acknowledged signature is stored, once, and every acknowledged confirmation counts.
        var stored = await setup.WithDbAsync(async db =>
        {
            var keys = setup.Services.GetRequiredService<SignerKeys>();
            return (await db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statementId).ToListAsync())
                .Select(s => (Email: keys.Unprotect(s.ProtectedEmail)!, s.Status)).ToList();
        });
        stored.Select(s => s.Email).ShouldBeUnique();
        var byEmail = stored.ToDictionary(s => s.Email, s => s.Status);
        told.SignedAcknowledged.Keys.Where(email => !byEmail.ContainsKey(email)).ShouldBeEmpty("acknowledged signatures missing after the kills");
        told.ConfirmedAcknowledged.Keys.Where(email => byEmail.GetValueOrDefault(email) != SignatureStatus.Confirmed).ShouldBeEmpty("acknowledged confirmations not counted");
        var confirmed = stored.Count(s => s.Status == SignatureStatus.Confirmed);

        // 2. The ledger verifies and proves exactly the confirmed signatures; the public counter agrees.
        var entries = await setup.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.StatementId == statementId).OrderBy(e => e.Id).ToListAsync());
        var verification = SignatureLedger.Verify(entries);
        verification.Intact.ShouldBeTrue(verification.Reason);
        verification.Counted.Count.ShouldBe(confirmed);
        await using (var scope = setup.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<SignerKeys>();
            foreach (var email in told.ConfirmedAcknowledged.Keys)
            {
                verification.Counted.ShouldContainKey(await keys.CommitmentAsync(statementId, EmailAddress.Canonical(email), CancellationToken.None));
            }
        }

        publicCount.ShouldBe(confirmed);
        var (code, verified, errors) = await CliProcess.RunAsync(setup.CommandLineEnvironment, null, "verify-ledger", slug);
        code.ShouldBe(0, verified + errors);

        // 3. Every mail of the outbox reached the server, under its own Message-Id; a copy sent
        // twice can only be the one message a kill interrupted between the server's "250" and the
        // commit that records it, so never more duplicates than kills.
        var outbox = await setup.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress.EndsWith("@" + signerDomain) || m.ToAddress.EndsWith("@" + pressDomain))
            .Select(m => new { m.Id, m.ToAddress, m.Status }).ToListAsync());
        outbox.ShouldAllBe(m => m.Status == OutboxStatus.Sent);
        var delivered = SmtpSink.MessagesToDomain(signerDomain).Concat(SmtpSink.MessagesToDomain(pressDomain))
            .GroupBy(m => long.Parse(OutboxMessageId().Match(m.MessageId ?? "").Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
        delivered.Keys.Order().ShouldBe(outbox.Select(m => m.Id).Order(), "every outbox message delivered, and nothing else");
        SmtpSink.MessagesToDomain(pressDomain).Select(m => m.To.Mailboxes.Single().Address).Distinct().Count().ShouldBe(300);
        var duplicates = delivered.Values.Sum(copies => copies - 1);
        duplicates.ShouldBeLessThanOrEqualTo(Kills);
        stored.Count.ShouldBeLessThanOrEqualTo(told.SignedAcknowledged.Count + told.Interrupted, "no signature stored that no request asked for");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(CollectifApp.OnPostgres ? "PostgreSQL" : "SQLite")}: {Kills} SIGKILLs in {killing.TotalSeconds:0} s; {told.SignedAcknowledged.Count} signatures and {told.ConfirmedAcknowledged.Count} confirmations acknowledged, "
            + $"{told.Interrupted} requests cut by a kill, {told.Unavailable} answered 503; {stored.Count} signatures stored, {confirmed} confirmed = ledger = counter; "
            + $"{outbox.Count} mails ({pressMails} press), {duplicates} delivered twice under the same Message-Id."));
    }

    private static async Task<(string Cookie, string Token)> AntiforgeryAsync(HttpClient http, string slug)
    {
        using var page = await http.GetAsync($"/statements/{slug}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = document.QuerySelector("form.sign-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return (cookie, token);
    }

    /// <summary>
    /// One form post as a browser sends it. Only the expected answer counts as acknowledged; a
    /// connection cut by a kill is an interruption (the client was told nothing); anything else
    /// (a 500, a refused token) is a failure of the test.
    /// </summary>
    private static async Task PostAsync(HttpClient http, Ledger told, string path, string cookie, string token, Dictionary<string, string> fields, HttpStatusCode expected, Action acknowledged)
    {
        fields["__RequestVerificationToken"] = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode == expected)
            {
                acknowledged();
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref told.Unavailable);
            }
            else
            {
                var body = await response.Content.ReadAsStringAsync();
                told.Unexpected.Enqueue($"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref told.Interrupted);
            await Task.Delay(100); // the instance is down: the next try waits for a restart
        }
    }

    /// <summary>Reads new mail to the signers' domain and confirms each signature whose link arrived.</summary>
    private static async Task ConfirmWaitingAsync(HttpClient http, Ledger told, string domain, string cookie, string token)
    {
        foreach (var message in SmtpSink.MessagesToDomain(domain))
        {
            var email = message.To.Mailboxes.Single().Address;
            if (ConfirmLink().Match(message.TextBody ?? "") is { Success: true } link)
            {
                told.ConfirmationLinks.TryAdd(email, new Uri(link.Value).AbsolutePath);
            }
        }

        foreach (var (email, path) in told.ConfirmationLinks)
        {
            if (!told.ConfirmedAcknowledged.ContainsKey(email))
            {
                await PostAsync(http, told, path, cookie, token, [], HttpStatusCode.OK, () => told.ConfirmedAcknowledged[email] = true);
            }
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Not reached: {what}.\n{app.Output}");
            }

            await Task.Delay(200);
        }
    }
}
