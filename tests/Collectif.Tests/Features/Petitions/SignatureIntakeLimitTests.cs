using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Petitions;

public sealed class OneSignatureAtATimeApp : CollectifApp
{
    public OneSignatureAtATimeApp() => Settings = new() { ["Collectif:ConcurrentSignatures"] = "1" };
}

/// <summary>
/// A burst of public signatures waits in line for its turn instead of being processed all at once
/// (or refused): observed through ASP.NET Core's own rate-limiting instruments.
/// </summary>
public sealed class SignatureIntakeLimitTests(OneSignatureAtATimeApp app) : IClassFixture<OneSignatureAtATimeApp>
{
    /// <summary>Leases of the intake policy: how many were taken, and the most held at once.</summary>
    private sealed class Leases : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private long _held;

        public long Acquired { get; private set; }

        public long MostHeldAtOnce { get; private set; }

        public Leases(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name is "aspnetcore.rate_limiting.active_request_leases" or "aspnetcore.rate_limiting.requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? policy = null, result = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "aspnetcore.rate_limiting.policy")
                    {
                        policy = tag.Value as string;
                    }
                    else if (tag.Key == "aspnetcore.rate_limiting.result")
                    {
                        result = tag.Value as string;
                    }
                }

                if (policy != Collectif.Web.RateLimits.SignatureIntake)
                {
                    return;
                }

                lock (_gate)
                {
                    if (instrument.Name == "aspnetcore.rate_limiting.requests" && result == "acquired")
                    {
                        Acquired++;
                    }
                    else if (instrument.Name == "aspnetcore.rate_limiting.active_request_leases")
                    {
                        _held += value;
                        MostHeldAtOnce = Math.Max(MostHeldAtOnce, _held);
                    }
                }
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Signatures_sent_at_once_are_processed_one_after_the_other_and_all_accepted()
    {
        var (_, slug, _) = await app.PublishedStatementAsync("Petition");
        var signers = Enumerable.Range(1, 12).Select(i =>
        {
            var client = app.Anonymous("fr");
            client.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, $"198.18.200.{i}");
            return client;
        }).ToList();
        // Each signer's form first (showing it is not limited), then every signature at once.
        var tokens = await Task.WhenAll(signers.Select(async signer =>
            (await (await signer.GetAsync($"/petitions/{slug}/sign")).ReadDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        using var leases = new Leases(app.Services.GetRequiredService<IMeterFactory>());

        var answers = await Task.WhenAll(signers.Select((signer, i) => signer.PostAsync($"/petitions/{slug}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Inès",
            ["Input.LastName"] = $"File {i}",
            ["Input.Email"] = $"queue-{Guid.NewGuid():N}@example.org",
            ["Input.Public"] = "true",
            ["__RequestVerificationToken"] = tokens[i],
        }))));

        answers.Select(a => a.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Redirect);
        leases.Acquired.ShouldBe(12); // every post went through the intake line
        leases.MostHeldAtOnce.ShouldBe(1);
    }
}
