namespace Collectif.Features.Petitions;

/// <summary>
/// Every ten minutes on the application's clock: deletes unconfirmed signatures whose link has
/// expired and erases the personal data of petitions past their retention.
/// </summary>
public sealed class PetitionHousekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PetitionHousekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var petitions = scope.ServiceProvider.GetRequiredService<PetitionService>();
                var expired = await petitions.ExpireAsync(stoppingToken);
                var erased = await petitions.ApplyRetentionAsync(stoppingToken);
                if (expired + erased > 0)
                {
                    logger.LogInformation("Petitions: {Expired} unconfirmed signature(s) deleted, personal data of {Erased} erased after retention.", expired, erased);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Petition housekeeping failed; trying again in ten minutes.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
