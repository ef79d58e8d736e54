using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Collectif.Data;

/// <summary>
/// Applies migrations without the hang EF Core's SQLite migration lock can leave behind. That lock
/// is a row in <c>__EFMigrationsLock</c>, taken by every <c>Migrate</c> (even when nothing is
/// pending) and removed when it ends; a process killed in between (SIGKILL, out-of-memory killer,
/// power cut during start-up) leaves the row, and every later start waits for it forever
/// (dotnet/efcore#38958). Collectif first takes an operating-system lock on a file beside the
/// database, which the kernel releases when its holder dies; every Collectif process migrates under
/// it, so a lock row found while holding it belongs to a dead process and is removed.
/// PostgreSQL's migration lock is an advisory lock of the session, released by the server when the
/// connection drops: nothing to do there.
/// </summary>
public static class SafeMigration
{
    private const int SharingViolation = unchecked((int)0x80070020);

    public static async Task MigrateSafelyAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite() || LockFilePath(database) is not { } path)
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }

        await using var held = await HoldAsync(path, cancellationToken);
        if (await LockTableExistsAsync(database, cancellationToken))
        {
            await database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken);
        }

        await database.MigrateAsync(cancellationToken);
    }

    /// <summary>Beside a database file; none for an in-memory database (no other process can reach it).</summary>
    private static string? LockFilePath(DatabaseFacade database)
    {
        var settings = new SqliteConnectionStringBuilder(database.GetConnectionString());
        return settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:"
            ? null
            : Path.GetFullPath(settings.DataSource) + ".migration-lock";
    }

    /// <summary>
    /// .NET holds a <see cref="FileShare.None"/> file with <c>flock</c> on Linux: another process
    /// opening it gets a sharing violation until this one closes it or dies.
    /// </summary>
    private static async Task<FileStream> HoldAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException exception) when (exception.HResult == SharingViolation)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken); // another process is migrating
            }
        }
    }

    private static async Task<bool> LockTableExistsAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(cancellationToken) > 0;
}
