using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Collectif.Data;

/// <summary>What a backup holds, written beside it: the rows of every table and the schema version, so a restore can prove it got them all.</summary>
public sealed record BackupManifest(string Provider, DateTime TakenAt, string? LastMigration, SortedDictionary<string, long> Rows)
{
    public long Total => Rows.Values.Sum();
}

/// <summary>A backup or restore that cannot be done, with a message for the operator (exit code 2).</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backup and restore of the whole database. SQLite: the online backup API copies a consistent
/// snapshot while the site keeps writing. PostgreSQL: <c>pg_dump</c> in the custom format, run on a
/// snapshot exported by a repeatable-read transaction in which the rows are also counted, so the
/// manifest describes exactly what the dump holds. A restore checks integrity, compares every
/// table's rows with the manifest, then the caller verifies every statement's ledger.
/// </summary>
public sealed class DatabaseBackup(CollectifDb db, TimeProvider clock)
{
    public static string ManifestPath(string backup) => backup + ".manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private bool OnPostgres => db.Database.GetDbConnection() is NpgsqlConnection;

    /// <summary>The tables of the model and the migrations history, in a stable order.</summary>
    private IReadOnlyList<string> Tables =>
        db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Append("__EFMigrationsHistory").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private async Task<(SortedDictionary<string, long> Rows, string? LastMigration)> CountAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            rows[table] = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"";
        return (rows, await last.ExecuteScalarAsync(cancellationToken) as string);
    }

    /// <summary>Writes the backup to <paramref name="path"/> (and its manifest beside it); refuses to overwrite unless told to.</summary>
    public async Task<BackupManifest> BackupAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        path = Path.GetFullPath(path);
        if (File.Exists(path) && !overwrite)
        {
            throw new BackupException($"{path} already exists; add --force to replace it.");
        }

        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            throw new BackupException($"The folder {folder} does not exist.");
        }

        // Written next to the target, then renamed: a crash never leaves a half backup under the real name.
        var partial = path + ".partial";
        File.Delete(partial);
        var manifest = OnPostgres ? await BackupPostgresAsync(partial, cancellationToken) : await BackupSqliteAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
        await File.WriteAllTextAsync(ManifestPath(path), JsonSerializer.Serialize(manifest, Json), cancellationToken);
        return manifest;
    }

    private async Task<BackupManifest> BackupSqliteAsync(string partial, CancellationToken cancellationToken)
    {
        // Opened through EF so the site's pragmas apply (busy_timeout: wait for a writer's commit, not fail).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var live = (SqliteConnection)db.Database.GetDbConnection();
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(cancellationToken);

            // One step: every page is read in one read transaction, a consistent snapshot; in WAL
            // mode the site's writers go on meanwhile.
            live.BackupDatabase(copy);
        }

        await using var check = Open(partial, readOnly: true);
        await check.OpenAsync(cancellationToken);
        await IntegrityAsync(check, partial, cancellationToken);
        var (rows, migration) = await CountAsync(check, null, cancellationToken);
        return new BackupManifest("Sqlite", clock.GetUtcNow().UtcDateTime, migration, rows);
    }

    private async Task<BackupManifest> BackupPostgresAsync(string partial, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        var (rows, migration) = await CountAsync(connection, transaction, cancellationToken);

        // The dump reads the same snapshot as the counts, while this transaction stays open.
        await RunToolAsync("pg_dump", settings, ["--format=custom", "--no-owner", $"--snapshot={snapshot}", $"--file={partial}", settings.Database!], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BackupManifest("Postgres", clock.GetUtcNow().UtcDateTime, migration, rows);
    }

    /// <summary>
    /// Puts the backup in place of this instance's database (which must be stopped), then applies
    /// the migrations a newer version brings; answers the manifest (null when the backup has none).
    /// Refuses to replace a database that holds data unless told to.
    /// </summary>
    public async Task<BackupManifest?> RestoreAsync(string path, bool replace, CancellationToken cancellationToken)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new BackupException($"No file at {path}.");
        }

        BackupManifest? manifest = null;
        if (File.Exists(ManifestPath(path)))
        {
            try
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(ManifestPath(path), cancellationToken), Json);
            }
            catch (JsonException exception)
            {
                throw new BackupException($"{ManifestPath(path)} is not a backup manifest: {exception.Message}");
            }

            var provider = OnPostgres ? "Postgres" : "Sqlite";
            if (manifest is not null && manifest.Provider != provider)
            {
                throw new BackupException($"This is a {manifest.Provider} backup; this instance uses {provider}.");
            }
        }

        if (!replace && await HoldsDataAsync(cancellationToken))
        {
            throw new BackupException("This instance's database already holds data; add --force to replace it with the backup.");
        }

        if (OnPostgres)
        {
            var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            await RunToolAsync("pg_restore", settings, ["--clean", "--if-exists", "--no-owner", "--exit-on-error", "--single-transaction", $"--dbname={settings.Database}", path], cancellationToken);
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            await RestoreSqliteAsync(path, cancellationToken);
        }

        await db.Database.MigrateSafelyAsync(cancellationToken);
        return manifest;
    }

    private async Task RestoreSqliteAsync(string path, CancellationToken cancellationToken)
    {
        await using (var source = Open(path, readOnly: true))
        {
            await source.OpenAsync(cancellationToken);
            await IntegrityAsync(source, path, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            var target = (SqliteConnection)db.Database.GetDbConnection();

            // Page by page through SQLite, so the target's journal (WAL) stays consistent.
            source.BackupDatabase(target);
            await db.Database.CloseConnectionAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task<bool> HoldsDataAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
                && (await db.Statements.AnyAsync(cancellationToken) || await db.Organizations.AnyAsync(cancellationToken) || await db.Accounts.AnyAsync(cancellationToken));
        }
        catch (DbException)
        {
            return false; // no database yet
        }
    }

    /// <summary>What a restore gives back, checked: integrity (SQLite) and every table's rows against the manifest.</summary>
    public async Task<(bool Intact, IReadOnlyList<string> Differences, SortedDictionary<string, long> Rows)> CheckAsync(BackupManifest? manifest, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (connection is SqliteConnection sqlite)
            {
                await IntegrityAsync(sqlite, sqlite.DataSource, cancellationToken);
            }

            var (rows, _) = await CountAsync(connection, null, cancellationToken);
            var differences = manifest is null
                ? []
                : manifest.Rows.Where(r => rows.GetValueOrDefault(r.Key) != r.Value)
                    .Select(r => $"{r.Key}: {r.Value} in the backup, {rows.GetValueOrDefault(r.Key)} restored").ToList();
            return (differences.Count == 0, differences, rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static SqliteConnection Open(string path, bool readOnly) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());

    private static async Task IntegrityAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        string? result;
        try
        {
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            result = await check.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (SqliteException exception)
        {
            throw new BackupException($"{path} is not a readable SQLite database: {exception.Message}");
        }

        if (result != "ok")
        {
            throw new BackupException($"{path} fails SQLite's integrity check: {result}");
        }
    }

    /// <summary>pg_dump or pg_restore from PATH, else the newest in /usr/lib/postgresql (it must be at least the server's version).</summary>
    private static string Tool(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name))
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin", name))
                : []);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new BackupException($"{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client).");
    }

    private static async Task RunToolAsync(string name, NpgsqlConnectionStringBuilder settings, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Tool(name)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The connection goes through the environment, so the password is never on a command line.
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        using var process = Process.Start(start) ?? throw new BackupException($"{name} could not be started.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{name} failed ({process.ExitCode}): {(await error).Trim()} {(await output).Trim()}".Trim());
        }
    }
}
