using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Collectif.Data;

/// <summary>
/// Sets the per-connection SQLite pragmas: WAL (readers do not block the writer), the configured
/// durability level, and a busy timeout so concurrent writers wait instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly string _sql;

    public SqlitePragmas(string synchronous)
    {
        var level = synchronous.ToUpperInvariant() switch
        {
            "FULL" or "NORMAL" or "EXTRA" or "OFF" => synchronous.ToUpperInvariant(),
            _ => throw new InvalidOperationException($"Collectif:Database:SqliteSynchronous must be FULL, NORMAL, EXTRA or OFF, not '{synchronous}'."),
        };
        _sql = $"PRAGMA synchronous={level}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
    }

    // WAL is a property of the database file: set once, not on every open (it takes a lock each
    // time; the benchmarks found it was most of a cheap query's cost). The others are per connection.
    private int _walSet;

    private string Sql => Interlocked.Exchange(ref _walSet, 1) == 0 ? "PRAGMA journal_mode=WAL; " + _sql : _sql;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
