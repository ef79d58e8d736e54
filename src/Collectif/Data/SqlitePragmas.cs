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
        _sql = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={level}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
