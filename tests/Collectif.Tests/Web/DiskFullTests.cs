using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Web;

/// <summary>
/// The disk under the SQLite database fills up while people sign: signatures are refused with a
/// clear 503 (never a 500), the ones acknowledged before are all there, reading goes on, the file
/// stays intact, and once space is freed signing works again without a restart. The data
/// directory is a real 8 MB tmpfs mounted for the test (needs root, as ./test has in CI).
/// </summary>
public sealed class DiskFullTests : IAsyncLifetime
{
    private readonly CollectifApp app = new()
    {
        Settings = new()
        {
            ["Collectif:Petitions:PerNetworkPerMinute"] = "100000", // every signer here is 127.0.0.1
            ["Collectif:Petitions:PerNetworkPerHour"] = "100000",
            ["Collectif:Petitions:PerDomainPerTenMinutes"] = "100000",
            ["Collectif:Petitions:TrendThreshold"] = "100000",
        },
    };

    private bool mounted;

    public async ValueTask InitializeAsync()
    {
        if (!CollectifApp.OnPostgres && Environment.UserName == "root")
        {
            mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", app.DataDirectory) == 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (mounted)
        {
            await RunAsync("umount", "-l", app.DataDirectory);
            Directory.Delete(app.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_full_disk_refuses_signatures_with_503_keeps_every_acknowledged_one_and_recovers_without_restart()
    {
        Assert.SkipWhen(CollectifApp.OnPostgres, "the disk under SQLite's file; PostgreSQL's own disk is its server's matter");
        Assert.SkipUnless(mounted, "needs root to mount a small tmpfs for the database (./test runs as root in CI)");
        var (_, slug, id) = await app.PublishedStatementAsync();
        using var signer = app.Anonymous("fr");
        var acknowledged = 0;

        for (var i = 0; i < 3; i++)
        {
            (await SignAsync(signer, slug, $"avant-{i}@example.org")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            acknowledged++;
        }

        // Fill the disk to the last byte, then sign until the database cannot grow any more.
        var filler = Path.Combine(app.DataDirectory, "filler");
        Fill(filler);
        HttpResponseMessage? refusal = null;
        for (var i = 0; i < 2000 && refusal is null; i++)
        {
            var response = await SignAsync(signer, slug, $"plein-{i}@example.org");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                acknowledged++;
                continue;
            }

            ((int)response.StatusCode).ShouldBe(503, await response.Content.ReadAsStringAsync());
            refusal = response;
        }

        refusal.ShouldNotBeNull("the disk filled up and the database could not grow");
        refusal.Headers.RetryAfter.ShouldNotBeNull();
        var problem = await refusal.Content.ReadAsStringAsync();
        refusal.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.ShouldNotContain("SqliteException");
        problem.ShouldNotContain("   at ");

        // The same on a page, in the reader's language; reading still works.
        var page = await signer.PostFormAsync($"/petitions/{slug}/sign", new() { ["Input.FirstName"] = "Camille", ["Input.LastName"] = "Durand", ["Input.Email"] = "page@example.org", ["Input.Postcode"] = "75011", ["Input.Country"] = "FR" });
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await page.Content.ReadAsStringAsync()).ShouldContain("n’a pas été enregistré");
        (await signer.GetAsync($"/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Space comes back: the next signature is taken, with no restart, and nothing was lost or damaged.
        File.Delete(filler);
        var email = $"apres-{Guid.NewGuid():N}@example.org";
        (await SignAsync(signer, slug, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await SmtpSink.WaitForMessageAsync(email)).Subject.ShouldNotBeNullOrEmpty("the outbox worker lived through the full disk and sends again");
        (await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync())).ShouldBe(["ok"]);
        var stored = await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id));
        stored.ShouldBe(acknowledged + 1, "every acknowledged signature is stored, the refused ones are not");
        (await signer.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SignAsync(HttpClient client, string slug, string email) =>
        client.PostAsync($"/api/petitions/{slug}/signatures", new StringContent($"{{\"firstName\":\"Camille\",\"lastName\":\"Durand\",\"email\":\"{email}\"}}", Encoding.UTF8, "application/json"));

    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // No space left on device: the disk is full.
        }
    }

    private static async Task<int> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
