using Microsoft.Extensions.Options;

namespace Collectif.Email;

/// <summary>Wakes the outbox worker right after a message is committed.</summary>
public sealed class OutboxSignal : Collectif.Web.WorkSignal;

/// <summary>Sends outbox mail in the background: when signalled, and every poll interval.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = options.Value.PollInterval;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var processor = scope.ServiceProvider.GetRequiredService<OutboxProcessor>();
                    await processor.ProcessDueAsync(stoppingToken);
                    if (processor.RateLimitedUntil is { } until)
                    {
                        // At the pace limit: come back when the oldest send of the last minute leaves the window.
                        var untilThen = until - clock.GetUtcNow().UtcDateTime;
                        wait = untilThen < wait ? (untilThen > TimeSpan.Zero ? untilThen : TimeSpan.FromMilliseconds(100)) : wait;
                    }
                }

                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the worker must outlive a failing database or mail server
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "The outbox worker failed; it tries again shortly.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
