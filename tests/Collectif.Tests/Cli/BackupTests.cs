using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collectif.Tests.Cli;

/// <summary>
/// backup and restore through the real executable, on SQLite or (in ./test's PostgreSQL pass) on
/// PostgreSQL: a backup taken while rows are being written restores exactly, and the restore proves
/// it (integrity, every table's rows against the manifest, every ledger) — and says so when it does not.
/// </summary>
public sealed class BackupTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "collectif-backup-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _databases = [];

    public BackupTests() => Directory.CreateDirectory(_folder);

    /// <summary>The environment of one instance: its own SQLite data folder, or its own PostgreSQL database.</summary>
    private async Task<Dictionary<string, string>> InstanceAsync(string name)
    {
        if (CollectifApp.PostgresServer is not { } server)
        {
            return new() { ["Collectif__Database__Provider"] = "Sqlite", ["Collectif__DataDirectory"] = Path.Combine(_folder, name) };
        }

        var database = $"backup_{name}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(database);
        return new()
        {
            ["Collectif__Database__Provider"] = "Postgres",
            ["Collectif__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString,
            ["Collectif__DataDirectory"] = Path.Combine(_folder, name),
        };
    }

    private static DbConnection Connect(Dictionary<string, string> instance) => instance["Collectif__Database__Provider"] == "Postgres"
        ? new NpgsqlConnection(instance["Collectif__Database__ConnectionString"])
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(instance["Collectif__DataDirectory"], "collectif.db"), Pooling = false, DefaultTimeout = 30 }.ToString());

    /// <summary>What the site would be doing meanwhile: one committed row after another, until told to stop.</summary>
    private static async Task<int> WriteUntilAsync(Dictionary<string, string> instance, CancellationToken stop)
    {
        await using var connection = Connect(instance);
        await connection.OpenAsync(CancellationToken.None);
        var now = connection is NpgsqlConnection ? "now()" : "'2026-11-24 10:00:00'";
        var written = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO \"AuditEntries\" (\"At\", \"Action\") VALUES ({now}, 'test.concurrent-write')";
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
            written++;
        }

        return written;
    }

    [Fact]
    public async Task A_backup_taken_while_rows_are_written_restores_exactly_and_the_restore_proves_it()
    {
        var source = await InstanceAsync("source");
        var target = await InstanceAsync("target");
        (await CliProcess.RunAsync(source, null, "seed-demo")).Code.ShouldBe(0);

        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => WriteUntilAsync(source, stop.Token));
        var backup = Path.Combine(_folder, "collectif.backup");
        var (code, output, error) = await CliProcess.RunAsync(source, null, "backup", backup);
        await stop.CancelAsync();
        var written = await writes;
        code.ShouldBe(0, output + error);
        output.ShouldContain("Backup written to");
        written.ShouldBeGreaterThan(0);

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(backup + ".manifest.json")).RootElement;
        var rows = manifest.GetProperty("rows");
        rows.GetProperty("Organizations").GetInt64().ShouldBeGreaterThanOrEqualTo(48); // the 48 signatories of the seed, and the coalition
        rows.GetProperty("LedgerEntries").GetInt64().ShouldBe(48);
        rows.GetProperty("AuditEntries").GetInt64().ShouldBeGreaterThan(0);

        // The restore puts it in place and proves it: integrity, every table's rows, every ledger.
        var (restored, report, restoreError) = await CliProcess.RunAsync(target, null, "restore", backup);
        restored.ShouldBe(0, report + restoreError);
        report.ShouldContain("every table matches the backup's manifest");
        report.ShouldContain("The page lists 48 signatories; the ledger proves 48.");
        report.ShouldContain("Ledgers: all");
        await using (var check = Connect(target))
        {
            await check.OpenAsync();
            await using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"AuditEntries\"";
            Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(rows.GetProperty("AuditEntries").GetInt64());
        }

        // Nothing is overwritten by mistake: an existing backup file, a database that holds data.
        var (again, _, againError) = await CliProcess.RunAsync(source, null, "backup", backup);
        again.ShouldBe(2);
        againError.ShouldContain("--force");
        var (over, _, overError) = await CliProcess.RunAsync(target, null, "restore", backup);
        over.ShouldBe(2);
        overError.ShouldContain("--force");

        // Not a backup: a clear message, exit code 2.
        var garbage = Path.Combine(_folder, "garbage.backup");
        await File.WriteAllTextAsync(garbage, "this is not a database");
        var (bad, _, badError) = await CliProcess.RunAsync(target, null, "restore", garbage, "--force");
        bad.ShouldBe(2);
        badError.ShouldNotBeNullOrWhiteSpace();
        badError.ShouldNotContain("   at "); // a message, not a stack trace
    }

    [Fact]
    public async Task A_restore_says_which_rows_and_which_ledger_differ_from_the_backup()
    {
        // Tampering is done on the SQLite file itself; the checks are the same code on both providers.
        Assert.SkipWhen(CollectifApp.OnPostgres, "SQLite only");

        var source = await InstanceAsync("source");
        var target = await InstanceAsync("target");
        (await CliProcess.RunAsync(source, null, "seed-demo")).Code.ShouldBe(0);
        var backup = Path.Combine(_folder, "tampered.backup");
        (await CliProcess.RunAsync(source, null, "backup", backup)).Code.ShouldBe(0);

        // After the manifest was written: one ledger hash changed, one row more.
        await using (var file = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await file.OpenAsync();
            await using var tamper = file.CreateCommand();
            tamper.CommandText = "UPDATE \"LedgerEntries\" SET \"Hash\" = '00' || substr(\"Hash\", 3) WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"LedgerEntries\"); " +
                "INSERT INTO \"AuditEntries\" (\"At\", \"Action\") VALUES ('2026-11-24 10:00:00', 'test.tamper');";
            await tamper.ExecuteNonQueryAsync();
        }

        var (code, report, error) = await CliProcess.RunAsync(target, null, "restore", backup);
        code.ShouldBe(1, report + error);
        report.ShouldContain("Rows DIFFER");
        report.ShouldContain("AuditEntries");
        report.ShouldContain("BROKEN at entry");
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (CollectifApp.PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            foreach (var database in _databases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
