namespace Collectif.Web;

/// <summary>Wakes a background worker right after its work is committed, instead of waiting for the next poll.</summary>
public class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// A background worker that runs when signalled and at least every poll interval, and outlives a
/// failing run (a database or server away for a while): the outbox and the webhook sender.
/// </summary>
public abstract class SignalledWorker(WorkSignal signal, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    /// <summary>Does what is due; answers how long to wait for a signal before the next run.</summary>
    protected abstract Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the worker must outlive a failing database or server
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "{Worker} failed; it tries again shortly.", GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
