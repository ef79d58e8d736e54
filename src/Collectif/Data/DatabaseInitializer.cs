using Collectif.Demo;
using Collectif.Features.Accounts;
using Collectif.Features.Coalitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Data;

/// <summary>
/// Runs before the server accepts requests: applies migrations, makes sure the coalition row and a
/// first administrator exist, and loads the demo data when configured to.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IOptions<CollectifOptions> options, IHostEnvironment environment, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        if (options.Value.MigrateOnStart)
        {
            await db.Database.MigrateSafelyAsync(cancellationToken);
        }

        // Statements saved before search existed get their search text once (saving refreshes it).
        foreach (var statement in await db.Statements.Where(s => s.SearchTitle == "").ToListAsync(cancellationToken))
        {
            statement.RefreshSearchText();
        }

        // Statements from before signatures were bound to texts get their current fingerprint once.
        foreach (var statement in await db.Statements.Where(s => s.CurrentContentHash == null).ToListAsync(cancellationToken))
        {
            statement.CurrentContentHash = await db.StatementRevisions.Where(r => r.StatementId == statement.Id && r.Number == statement.CurrentRevision).Select(r => r.ContentHash).FirstOrDefaultAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);

        if (options.Value.DemoData)
        {
            if (environment.IsProduction())
            {
                logger.LogWarning("Collectif:DemoData is true in Production: the demo coalition is being loaded into this database.");
            }

            await scope.ServiceProvider.GetRequiredService<SeedDemoData>().ApplyAsync(cancellationToken);
        }

        if (!await db.Coalitions.AnyAsync(cancellationToken))
        {
            // A fresh instance without demo data gets a placeholder the administrator renames.
            db.Coalitions.Add(new Coalition { Acronym = "Collectif", NameFr = "Notre collectif", NameEn = "Our coalition" });
            await db.SaveChangesAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<BootstrapAdministrator>().EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
