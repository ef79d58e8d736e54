using Collectif.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Collectif.Web;

/// <summary>Healthy when the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(CollectifDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
#pragma warning disable CA1031 // a health check reports every failure instead of throwing
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
