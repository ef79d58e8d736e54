using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Reliability;

/// <summary>
/// EF Core's SQLite migration lock is a row that a process killed during start-up leaves behind;
/// the crash harness found that every later start then waited for it forever.
/// </summary>
public sealed class MigrationLockTests
{
    /// <summary>The row a process killed while migrating leaves behind.</summary>
    private static Task<int> LeaveStaleLockAsync(CollectifApp setup) => setup.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-25 08:00:00+00:00')"));

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        Assert.SkipWhen(CollectifApp.OnPostgres, "PostgreSQL's migration lock is an advisory lock the server drops with the connection");
        await using var setup = new CollectifApp { RunOutboxWorker = false };
        await LeaveStaleLockAsync(setup);

        await using var app = new AppProcess(AppProcess.EnvironmentFor(setup));
        app.Start();
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));

        (await setup.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task The_migrate_command_clears_a_stale_lock_too()
    {
        Assert.SkipWhen(CollectifApp.OnPostgres, "PostgreSQL's migration lock is an advisory lock the server drops with the connection");
        await using var setup = new CollectifApp { RunOutboxWorker = false };
        await LeaveStaleLockAsync(setup);

        var (code, output, errors) = await Cli.CliProcess.RunAsync(setup.CommandLineEnvironment, null, "migrate");

        code.ShouldBe(0, errors);
        output.ShouldContain("Database is up to date.");
    }
}
