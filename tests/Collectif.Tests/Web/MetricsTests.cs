using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Collectif.Tests.Reliability;

namespace Collectif.Tests.Web;

/// <summary>
/// OpenTelemetry metrics as an operator's Prometheus sees them: the real executable serves
/// <c>/metrics</c> to this machine, with Collectif's own instruments, requests and the runtime;
/// a request from elsewhere (through the proxy) gets nothing.
/// </summary>
public sealed partial class MetricsTests
{
    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task Metrics_count_signatures_and_mail_and_are_served_to_this_machine_only()
    {
        await using var setup = new CollectifApp { RunOutboxWorker = false };
        var (_, slug, _) = await setup.PublishedStatementAsync();
        await using var app = new AppProcess(AppProcess.EnvironmentFor(setup));
        app.Start();
        await app.WaitUntilHealthyAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            var body = $"{{\"firstName\":\"Camille\",\"lastName\":\"Durand\",\"email\":\"mesure-{i}-{Guid.NewGuid():N}@example.org\"}}";
            (await client.PostAsync($"/api/petitions/{slug}/signatures", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // The three confirmation mails leave the outbox; the scrape shows it (the exporter caches briefly).
        var metrics = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !(metrics.GetValueOrDefault("collectif_mail_sent_total") >= 3 && metrics.GetValueOrDefault("collectif_outbox_pending", -1) == 0))
        {
            using var scrape = await client.GetAsync("/metrics");
            scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
            scrape.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            metrics = Sample().Matches(await scrape.Content.ReadAsStringAsync())
                .GroupBy(m => m.Groups["name"].Value)
                .ToDictionary(g => g.Key, g => g.Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
            await Task.Delay(250);
        }

        metrics.GetValueOrDefault("collectif_petition_signatures_received_total").ShouldBe(3);
        metrics.GetValueOrDefault("collectif_petition_signatures_per_commit_count").ShouldBe(3); // one after the other: a commit each
        metrics.GetValueOrDefault("collectif_petition_signatures_per_commit_sum").ShouldBe(3);
        metrics.GetValueOrDefault("collectif_mail_sent_total").ShouldBe(3);
        metrics.GetValueOrDefault("collectif_outbox_pending", -1).ShouldBe(0);
        metrics.ShouldContainKey("collectif_outbox_failed");
        metrics.Keys.ShouldContain(k => k.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal), "requests");
        metrics.Keys.ShouldContain(k => k.StartsWith("dotnet_", StringComparison.Ordinal), "the runtime");

        // Through a proxy on this machine a request carries its client's address: not served.
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        fromElsewhere.Headers.Add("X-Forwarded-For", "203.0.113.9");
        (await client.SendAsync(fromElsewhere)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
