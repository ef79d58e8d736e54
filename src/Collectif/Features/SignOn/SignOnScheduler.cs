using Collectif.Features.Ledger;

namespace Collectif.Features.SignOn;

/// <summary>
/// Once a minute on the application's clock: closes sign-ons whose deadline has come (counting
/// silent consent), sends the reminders that are due, and signs the ledger checkpoints that are due.
/// </summary>
public sealed class SignOnScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SignOnScheduler> logger) : BackgroundService
{
    private TaskCompletionSource _pass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the next pass (for tests driving the clock).</summary>
    public Task NextPassAsync() => _pass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var signOns = scope.ServiceProvider.GetRequiredService<SignOnService>();
                await signOns.RemindDueAsync(stoppingToken);
                await signOns.CloseDueAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<LedgerCheckpoints>().CreateDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Sign-on deadlines, reminders or checkpoints failed; trying again in a minute.");
            }

            Interlocked.Exchange(ref _pass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
