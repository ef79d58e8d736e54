using System.Diagnostics;
using System.Net;
using System.Text;
using Collectif.Email;
using Collectif.Features.Accounts;
using Collectif.Features.Audit;
using Collectif.Features.Statements;
using Collectif.Tests.Features.Press;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Reliability;

/// <summary>
/// Two instances of the real executable on one PostgreSQL database, behind Debian's nginx
/// (round robin), behave as one site: a person signs in and posts forms while every request may
/// land on either instance; embargoed texts due at start-up are published once; a press release
/// to 200 journalists leaves both outboxes exactly once per journalist; the petition limits
/// hold per instance, as docs/operations.md says.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_behind_nginx_share_sessions_publish_once_send_once_and_limit_per_instance()
    {
        Assert.SkipUnless(CollectifApp.OnPostgres, "several instances share a PostgreSQL database (./test's PostgreSQL pass)");
        Assert.SkipUnless(Nginx.Installed, "needs Debian's nginx (./test installs it)");

        // Set up with the in-process application, then leave the database to the two instances.
        await using var setup = new CollectifApp { RunOutboxWorker = false };
        var (_, petition, petitionId) = await setup.PublishedStatementAsync();
        // Embargoes after the setup's fake clock (so its own publisher leaves them) and before the real time of the instances.
        var embargo = setup.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        var embargoed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var release = await PressTests.ReleaseAsync(setup, embargo);
            embargoed.Add(release.Slug);
        }

        var pressDomain = PressTests.Domain();
        var published = await PressTests.ReleaseAsync(setup);
        var listId = await PressTests.ListAsync(setup, pressDomain, 200);
        var officer = await setup.SignedInAsync("en", Roles.PressOfficer);
        (await PressTests.ScheduleAsync(officer, published, listId)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var environment = AppProcess.EnvironmentFor(setup);
        environment["Collectif__Petitions__PerNetworkPerMinute"] = "3";
        await using var first = new AppProcess(environment);
        await using var second = new AppProcess(environment);
        first.Start();
        second.Start(); // together: their first scheduler passes meet over the due embargoes
        await Task.WhenAll(first.WaitUntilHealthyAsync(), second.WaitUntilHealthyAsync());
        await using var nginx = new Nginx([first.BaseAddress, second.BaseAddress]);
        await nginx.WaitUntilListeningAsync();
        var served = new HashSet<string>(StringComparer.Ordinal);
        using var person = new HttpClient(new Recorder(served, new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }))
        {
            BaseAddress = nginx.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        person.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        // Sign-in and forms across instances: the antiforgery token and the session cookie made by
        // one instance are read by the other (data-protection keys in the database).
        var signedIn = await CollectifApp.SignInAsync(person, CollectifApp.AdminEmail, CollectifApp.AdminPassword, CollectifApp.AdminAuthenticatorKey);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/admin");
        for (var i = 0; i < 6; i++)
        {
            (await person.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var saved = await person.PostFormAsync("/admin/coalition", new()
        {
            ["Form.NameFr"] = "Collectif à deux instances",
            ["Form.NameEn"] = "Two-instance coalition",
            ["Form.Acronym"] = "CDI",
            ["Form.Languages"] = "fr",
            ["Form.TimeZone"] = "Europe/Paris",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a form shown by one instance is accepted by the other");
        served.Count.ShouldBe(2, "nginx spread the requests over both instances");

        // Embargoes: published once, by whichever instance claimed each first.
        await UntilAsync(() => setup.WithDbAsync(db => db.Statements.CountAsync(s => embargoed.Contains(s.Slug) && s.Status == StatementStatus.Published)), 3, "the embargoed releases are published");
        foreach (var slug in embargoed)
        {
            (await setup.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.StatementPublished && e.Subject == $"statement:{slug}"))).ShouldBe(1, slug);
        }

        // The press release: both outbox workers claim from the same queue; each journalist gets one copy.
        await UntilAsync(() => setup.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.EndsWith("@" + pressDomain) && m.Status == OutboxStatus.Sent)), 200, "the press mails are sent");
        var press = SmtpSink.MessagesToDomain(pressDomain);
        press.Count.ShouldBe(200);
        press.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count().ShouldBe(200);
        press.Select(m => m.MessageId).Distinct().Count().ShouldBe(200);

        // Petition limits are counted in each instance's memory: 3 a minute per network each, so
        // at most twice that through two instances (docs/operations.md, "Petitions").
        using var signer = new HttpClient { BaseAddress = nginx.BaseAddress };
        var accepted = 0;
        for (var i = 0; i < 10; i++)
        {
            var body = $"{{\"firstName\":\"Camille\",\"lastName\":\"Durand\",\"email\":\"limite-{i}@scale-{Guid.NewGuid():N}.example.org\"}}";
            using var response = await signer.PostAsync($"/api/petitions/{petition}/signatures", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted++;
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            }
        }

        var stored = await setup.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == petitionId));
        stored.ShouldBe(accepted);
        accepted.ShouldBeInRange(4, 6, "each instance let 3 through: more than one instance's limit, at most both");
        output.WriteLine($"Served by {string.Join(" and ", served)}; 3 embargoes published once each; 200 press mails, one each; {accepted} of 10 signatures through two instances limited to 3 a minute each.");
    }

    private static async Task UntilAsync(Func<Task<int>> count, int expected, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            last = await count();
            if (last >= expected)
            {
                last.ShouldBe(expected, what);
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what}: {last} of {expected} after two minutes");
    }

    /// <summary>Notes which instance served each answer (nginx's X-Upstream header).</summary>
    private sealed class Recorder(HashSet<string> served, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("X-Upstream", out var upstream))
            {
                lock (served)
                {
                    served.Add(upstream.Single());
                }
            }

            return response;
        }
    }
}
