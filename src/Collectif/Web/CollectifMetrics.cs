using System.Diagnostics.Metrics;
using Collectif.Data;
using Collectif.Email;

namespace Collectif.Web;

/// <summary>
/// Collectif's own OpenTelemetry instruments (meter "Collectif"): what an operator watches besides
/// requests and the runtime — signatures coming in and confirmed, mail leaving or failing, and the
/// outbox waiting (a queue that grows means the mail server is away; see docs/operations.md).
/// </summary>
public sealed class CollectifMetrics
{
    public const string MeterName = "Collectif";

    private static readonly TimeSpan OutboxCacheFor = TimeSpan.FromSeconds(10);

    private readonly Counter<long> _signaturesReceived;
    private readonly Histogram<int> _signatureCommits;
    private readonly Counter<long> _signaturesConfirmed;
    private readonly Counter<long> _mailsSent;
    private readonly Counter<long> _mailsFailed;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Lock _outboxLock = new();
    private (DateTimeOffset At, long Pending, long Failed)? _outbox;

    public CollectifMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        (_scopes, _clock) = (scopes, clock);
        var meter = meters.Create(MeterName);
        _signaturesReceived = meter.CreateCounter<long>("collectif.petition.signatures.received", "{signature}", "Petition signatures recorded, waiting for their e-mail confirmation");
        _signatureCommits = meter.CreateHistogram<int>("collectif.petition.signatures.per_commit", "{signature}", "New signatures written together in one transaction (group commit): one per commit when they come one at a time, more under load",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _signaturesConfirmed = meter.CreateCounter<long>("collectif.petition.signatures.confirmed", "{signature}", "Petition signatures confirmed and written to the ledger");
        _mailsSent = meter.CreateCounter<long>("collectif.mail.sent", "{message}", "Messages the SMTP server accepted");
        _mailsFailed = meter.CreateCounter<long>("collectif.mail.failed", "{message}", "Send attempts that failed (each is retried until its last attempt)");
        meter.CreateObservableGauge("collectif.outbox.pending", () => Outbox().Pending, "{message}", "Messages waiting in the outbox");
        meter.CreateObservableGauge("collectif.outbox.failed", () => Outbox().Failed, "{message}", "Messages that failed for good (shown on the press desk)");
    }

    /// <summary>One transaction committed this many new signatures.</summary>
    public void SignaturesReceived(int committedTogether)
    {
        _signaturesReceived.Add(committedTogether);
        _signatureCommits.Record(committedTogether);
    }

    public void SignatureConfirmed() => _signaturesConfirmed.Add(1);

    public void MailSent() => _mailsSent.Add(1);

    public void MailFailed(bool refusedByServer) => _mailsFailed.Add(1, new KeyValuePair<string, object?>("reason", refusedByServer ? "refused" : "unavailable"));

    // Read from the database at most every 10 s, however often the metrics are collected: one
    // indexed count per scrape, and a database that is away gives the last value instead of an error.
    private (long Pending, long Failed) Outbox()
    {
        lock (_outboxLock)
        {
            var now = _clock.GetUtcNow();
            if (_outbox is { } known && now - known.At < OutboxCacheFor)
            {
                return (known.Pending, known.Failed);
            }

            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
                var pending = db.OutboxMessages.LongCount(m => m.Status == OutboxStatus.Pending);
                var failed = db.OutboxMessages.LongCount(m => m.Status == OutboxStatus.Failed);
                _outbox = (now, pending, failed);
            }
            catch (Exception exception) when (DatabaseUnavailable.Is(exception))
            {
                _outbox = (now, _outbox?.Pending ?? 0, _outbox?.Failed ?? 0);
            }

            return (_outbox.Value.Pending, _outbox.Value.Failed);
        }
    }
}
