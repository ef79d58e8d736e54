using Microsoft.Extensions.Options;

namespace Collectif.Email;

/// <summary>Wakes the outbox worker right after a message is committed.</summary>
public sealed class OutboxSignal : Collectif.Web.WorkSignal;

/// <summary>Sends outbox mail in the background: when signalled, and every poll interval.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxWorker> logger)
    : Collectif.Web.SignalledWorker(signal, logger)
{
    protected override bool Enabled => options.Value.RunWorker;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
        var wait = options.Value.PollInterval;
        await using var scope = scopes.CreateAsyncScope();
        var processor = scope.ServiceProvider.GetRequiredService<OutboxProcessor>();
        await processor.ProcessDueAsync(stoppingToken);
        if (processor.RateLimitedUntil is { } until)
        {
            // At the pace limit: come back when the oldest send of the last minute leaves the window.
            var untilThen = until - clock.GetUtcNow().UtcDateTime;
            wait = untilThen < wait ? (untilThen > TimeSpan.Zero ? untilThen : TimeSpan.FromMilliseconds(100)) : wait;
        }

        return wait;
    }
}
