using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Collectif.Data;
using Collectif.Demo;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Cli;

/// <summary>
/// The commands of the executable: <c>serve</c> (default), <c>migrate</c>, <c>seed-demo</c>,
/// <c>parse-signatories</c>, <c>import-signatories</c>, <c>verify-ledger</c>, <c>parse-announcement</c>,
/// <c>backup</c>, <c>restore</c>. Commands that touch data build the same
/// services as the web application, so they read the same configuration.
/// </summary>
public static class CollectifCli
{
    private static readonly string[] Commands = ["serve", "migrate", "seed-demo", "parse-signatories", "import-signatories", "verify-ledger", "parse-announcement", "backup", "restore", "--help", "-h", "-?", "--version"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Collectif: joint statements, co-signing, press and mobilizations for coalitions.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Migrate());
        root.Subcommands.Add(SeedDemo());
        root.Subcommands.Add(ParseSignatories());
        root.Subcommands.Add(ImportSignatoriesCommand());
        root.Subcommands.Add(VerifyLedger());
        root.Subcommands.Add(ParseAnnouncement());
        root.Subcommands.Add(Backup());
        root.Subcommands.Add(Restore());
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Serve()
    {
        var command = new Command("serve", "Start the web site (the default when no command is given). Other arguments go to ASP.NET Core, e.g. --urls http://127.0.0.1:8080.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (result, _) =>
        {
            var app = Program.BuildWebApplication([.. result.UnmatchedTokens]);
            await app.RunAsync();
            return 0;
        });
        return command;
    }

    private static Command Migrate()
    {
        var command = new Command("migrate", "Apply database migrations, then exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = Program.BuildWebApplication([]);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateSafelyAsync(cancellationToken);
            Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
            return 0;
        });
        return command;
    }

    private static Command SeedDemo()
    {
        var command = new Command("seed-demo", "Load the demo coalition (CNPJDPI, its 48 organizations and texts). Safe to run twice.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = Program.BuildWebApplication([]);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CollectifDb>().Database.MigrateSafelyAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<SeedDemoData>().ApplyAsync(cancellationToken);
            Console.WriteLine("Demo data loaded.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Recomputes a statement's signature ledger — from this instance's database, or from the
    /// published JSON Lines, so anyone can check — and names the first broken entry. Exit code 0
    /// when everything holds, 1 when something does not, 2 on bad input.
    /// </summary>
    private static Command VerifyLedger()
    {
        var slug = new Argument<string?>("slug") { Description = "The statement's slug (reads this instance's database).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "An export of /statements/{slug}/ledger (JSON Lines) to verify instead." };
        var checkpoints = new Option<FileInfo?>("--checkpoints") { Description = "With --file: /statements/{slug}/ledger/checkpoints (JSON Lines), checked against --key." };
        var key = new Option<FileInfo?>("--key") { Description = "With --checkpoints: the instance's public key (/ledger/public-key.pem)." };
        var command = new Command("verify-ledger", "Verify a statement's signature ledger: every hash, every link, the checkpoints' signatures, and the count the page publishes.") { slug, file, checkpoints, key };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file);
            if (path is not null)
            {
                return await VerifyFileAsync(path, result.GetValue(checkpoints), result.GetValue(key), cancellationToken);
            }

            if (result.GetValue(slug) is not { Length: > 0 } name)
            {
                await Console.Error.WriteLineAsync("Give a statement's slug, or --file with an exported ledger.");
                return 2;
            }

            await using var app = Program.BuildWebApplication([]);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
            var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == name, cancellationToken);
            if (statement is null)
            {
                await Console.Error.WriteLineAsync($"No statement has the slug '{name}'.");
                return 2;
            }

            var ok = await VerifyStatementAsync(db, scope.ServiceProvider.GetRequiredService<Features.Ledger.LedgerKey>(), statement, cancellationToken);
            return ok ? 0 : 1;
        });
        return command;
    }

    /// <summary>One statement's ledger in this database: hashes, links, the published count, the signed checkpoints.</summary>
    private static async Task<bool> VerifyStatementAsync(CollectifDb db, Features.Ledger.LedgerKey key, Statement statement, CancellationToken cancellationToken)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.StatementId == statement.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var verification = Features.Ledger.SignatureLedger.Verify(entries);
        var ok = Report(verification);
        var published = await Features.Ledger.SignatureLedger.PublishedCountAsync(db, statement.Id, cancellationToken);
        var proven = Features.Ledger.SignatureLedger.ProvenCount(verification, statement.CurrentContentHash);
        Console.WriteLine($"The page lists {published} signatories; the ledger proves {proven}.");
        ok &= published == proven;
        var publicKey = (await key.GetAsync(cancellationToken)).PublicKeyPem;
        foreach (var checkpoint in await db.LedgerCheckpoints.AsNoTracking().Where(c => c.StatementId == statement.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken))
        {
            ok &= CheckCheckpoint(entries, publicKey, new Features.Ledger.PublishedCheckpoint(checkpoint.StatementId, checkpoint.Sequence, checkpoint.Hash, checkpoint.Time, checkpoint.Signature));
        }

        return ok;
    }

    /// <summary>
    /// Writes a consistent copy of the database while the site keeps running (SQLite online backup;
    /// pg_dump on PostgreSQL) and a manifest of every table's rows beside it. 0 when written and
    /// checked, 2 when it cannot be done.
    /// </summary>
    private static Command Backup()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the backup: a SQLite file, or a pg_dump archive (custom format) on PostgreSQL. FILE.manifest.json goes beside it." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var command = new Command("backup", "Back up the whole database while the site runs, with a manifest of every table's rows.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = Program.BuildWebApplication([]);
            await using var scope = app.Services.CreateAsyncScope();
            var path = result.GetValue(file)!.FullName;
            try
            {
                var manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(path, result.GetValue(force), cancellationToken);
                Console.WriteLine($"Backup written to {path} ({manifest.Provider}, {new FileInfo(path).Length:N0} bytes).");
                Console.WriteLine(manifest.Provider == "Sqlite" ? "Integrity: ok." : "Integrity: pg_dump finished without error.");
                Console.WriteLine($"Rows: {manifest.Total:N0} in {manifest.Rows.Count} tables; schema {manifest.LastMigration ?? "(none)"}.");
                Console.WriteLine($"Manifest: {DatabaseBackup.ManifestPath(path)}");
                return 0;
            }
            catch (BackupException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }
            catch (System.Data.Common.DbException exception)
            {
                await Console.Error.WriteLineAsync($"The database cannot be read: {exception.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>
    /// Puts a backup in place of this instance's database (stop the site first), applies newer
    /// migrations, then proves the result: integrity, every table's rows against the manifest, every
    /// statement's ledger. 0 when all holds, 1 when something differs, 2 when it cannot be done.
    /// </summary>
    private static Command Restore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by the backup command (its .manifest.json beside it, if kept)." };
        var force = new Option<bool>("--force") { Description = "Replace a database that already holds data." };
        var command = new Command("restore", "Restore a backup into this instance's database (stop the site first) and verify it: integrity, rows, ledgers.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var app = Program.BuildWebApplication([]);
            var path = result.GetValue(file)!.FullName;
            BackupManifest? manifest;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                try
                {
                    manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(path, result.GetValue(force), cancellationToken);
                }
                catch (BackupException exception)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 2;
                }
            }

            Console.WriteLine($"Restored {path}.");
            await using var check = app.Services.CreateAsyncScope();
            var (intact, differences, rows) = await check.ServiceProvider.GetRequiredService<DatabaseBackup>().CheckAsync(manifest, cancellationToken);
            Console.WriteLine("Integrity: ok.");
            if (manifest is null)
            {
                Console.WriteLine($"Rows: {rows.Values.Sum():N0} in {rows.Count} tables (no manifest beside the backup: nothing to compare with).");
            }
            else if (intact)
            {
                Console.WriteLine($"Rows: every table matches the backup's manifest ({manifest.Total:N0} rows in {manifest.Rows.Count} tables).");
            }
            else
            {
                Console.WriteLine("Rows DIFFER from the backup's manifest:");
                differences.ToList().ForEach(d => Console.WriteLine("  " + d));
            }

            var db = check.ServiceProvider.GetRequiredService<CollectifDb>();
            var key = check.ServiceProvider.GetRequiredService<Features.Ledger.LedgerKey>();
            var ledgers = true;
            var statements = await db.Statements.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
            foreach (var statement in statements)
            {
                Console.WriteLine($"Ledger of {statement.Slug}:");
                ledgers &= await VerifyStatementAsync(db, key, statement, cancellationToken);
            }

            Console.WriteLine(ledgers ? $"Ledgers: all {statements.Count} hold." : "Ledgers: at least one is BROKEN (see above).");
            return intact && ledgers ? 0 : 1;
        });
        return command;
    }

    private static async Task<int> VerifyFileAsync(FileInfo path, FileInfo? checkpointsFile, FileInfo? keyFile, CancellationToken cancellationToken)
    {
        if (!path.Exists)
        {
            await Console.Error.WriteLineAsync($"No file at {path.FullName}.");
            return 2;
        }

        var entries = new List<Features.Ledger.LedgerEntry>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path.FullName, cancellationToken))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize<Features.Ledger.PublishedEntry>(line, Features.Ledger.SignatureLedger.Json)!.ToEntry());
            }
            catch (Exception exception) when (exception is JsonException or NullReferenceException or ArgumentNullException)
            {
                await Console.Error.WriteLineAsync($"Line {lineNumber} is not a ledger entry: {exception.Message}");
                return 2;
            }
        }

        var ok = Report(Features.Ledger.SignatureLedger.Verify(entries));
        if (checkpointsFile is not null)
        {
            if (keyFile is null || !keyFile.Exists || !checkpointsFile.Exists)
            {
                await Console.Error.WriteLineAsync("--checkpoints needs --key with the instance's public key, and both files must exist.");
                return 2;
            }

            var publicKey = await File.ReadAllTextAsync(keyFile.FullName, cancellationToken);
            foreach (var line in (await File.ReadAllLinesAsync(checkpointsFile.FullName, cancellationToken)).Where(l => l.Trim().Length > 0))
            {
                ok &= CheckCheckpoint(entries, publicKey, JsonSerializer.Deserialize<Features.Ledger.PublishedCheckpoint>(line, Features.Ledger.SignatureLedger.Json)!);
            }
        }

        return ok ? 0 : 1;
    }

    private static bool Report(Features.Ledger.LedgerVerification verification)
    {
        if (verification.Intact)
        {
            Console.WriteLine($"OK: {verification.Entries} entries, every hash and link holds; {verification.Counted.Count} signers count.");
            return true;
        }

        Console.WriteLine($"BROKEN at entry {verification.BrokenAt}: {verification.Reason}.");
        return false;
    }

    private static bool CheckCheckpoint(IReadOnlyList<Features.Ledger.LedgerEntry> entries, string publicKey, Features.Ledger.PublishedCheckpoint checkpoint)
    {
        var entry = entries.FirstOrDefault(e => e.Sequence == checkpoint.Sequence);
        var signed = Features.Ledger.LedgerKey.Check(publicKey, Features.Ledger.LedgerCheckpoint.Message(checkpoint.Statement, checkpoint.Sequence, checkpoint.Hash, DateTime.SpecifyKind(checkpoint.Time, DateTimeKind.Utc)), checkpoint.Signature);
        if (!signed)
        {
            Console.WriteLine($"BROKEN: the checkpoint at entry {checkpoint.Sequence} is not signed by this key.");
            return false;
        }

        if (entry?.Hash != checkpoint.Hash)
        {
            Console.WriteLine($"BROKEN at entry {checkpoint.Sequence}: it differs from what the signed checkpoint of {checkpoint.Time:u} recorded.");
            return false;
        }

        Console.WriteLine($"OK: checkpoint at entry {checkpoint.Sequence} ({checkpoint.Time:u}) is signed and matches.");
        return true;
    }

    private static Command ParseSignatories()
    {
        var file = new Argument<string>("file") { Description = "Text file with the list, or - for standard input.", DefaultValueFactory = _ => "-" };
        var format = new Option<string>("--format") { Description = "tsv (one signatory per line) or json.", DefaultValueFactory = _ => "tsv" };
        format.AcceptOnlyFromAmong("tsv", "json");
        var command = new Command("parse-signatories", "Parse a free-text signatory list and print one signatory per line.") { file, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var text = await ReadInputAsync(result.GetValue(file)!, cancellationToken);
            if (text is null)
            {
                return 2;
            }

            var parsed = SignatoryListParser.Parse(text);
            Console.Out.Write(result.GetValue(format) == "json" ? ToJson(parsed) : ToTsv(parsed));
            return 0;
        });
        return command;
    }

    private static Command ParseAnnouncement()
    {
        var file = new Argument<string>("file") { Description = "Text file with the announcement, or - for standard input.", DefaultValueFactory = _ => "-" };
        var format = new Option<string>("--format") { Description = "tsv (date, time, place, city, status per line) or json.", DefaultValueFactory = _ => "tsv" };
        format.AcceptOnlyFromAmong("tsv", "json");
        var published = new Option<string?>("--published") { Description = "The announcement's publication date (YYYY-MM-DD), to infer the year; else a signature line such as \"Paris, le 14 novembre 2023\" is used." };
        var command = new Command("parse-announcement", "Find the gatherings (date, time, place, city, status) in an announcement of rallies.") { file, format, published };
        command.SetAction(async (result, cancellationToken) =>
        {
            DateOnly? publishedOn = null;
            if (result.GetValue(published) is { } given)
            {
                if (!DateOnly.TryParseExact(given, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsedDate))
                {
                    await Console.Error.WriteLineAsync($"--published must be a date like 2023-11-14, not '{given}'.");
                    return 2;
                }

                publishedOn = parsedDate;
            }

            var text = await ReadInputAsync(result.GetValue(file)!, cancellationToken);
            if (text is null)
            {
                return 2;
            }

            var gatherings = Features.Mobilizations.AnnouncementParser.Parse(text, publishedOn);
            foreach (var warning in gatherings.SelectMany(g => g.Warnings))
            {
                await Console.Error.WriteLineAsync("warning: " + warning);
            }

            Console.Out.Write(result.GetValue(format) == "json"
                ? JsonSerializer.Serialize(gatherings.Select(g => new { date = g.DateText, start = g.Start?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), end = g.End?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), place = g.Place, city = g.City, status = g.Status.ToString().ToLowerInvariant(), warnings = g.Warnings }), JsonOutput) + "\n"
                : string.Concat(gatherings.Select(g => g.Tsv + "\n")));
            return 0;
        });
        return command;
    }

    private static Command ImportSignatoriesCommand()
    {
        var file = new Argument<string>("file") { Description = "Text file with the list, or - for standard input." };
        var members = new Option<bool>("--members") { Description = "Make the organizations members of the coalition." };
        var statement = new Option<string?>("--statement") { Description = "Add the signatories to the statement with this slug." };
        var apply = new Option<bool>("--apply") { Description = "Write the changes. Without it, only shows what would happen." };
        var command = new Command("import-signatories", "Match a signatory list against the registry; preview unless --apply.") { file, members, statement, apply };
        command.Validators.Add(result =>
        {
            if (result.GetValue(members) == (result.GetValue(statement) is not null))
            {
                result.AddError("Give exactly one of --members or --statement SLUG.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var text = await ReadInputAsync(result.GetValue(file)!, cancellationToken);
            if (text is null)
            {
                return 2;
            }

            var target = result.GetValue(members) ? ImportTarget.Members : ImportTarget.Statement;
            var slug = result.GetValue(statement);
            await using var app = Program.BuildWebApplication([]);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CollectifDb>().Database.MigrateSafelyAsync(cancellationToken);
            var import = scope.ServiceProvider.GetRequiredService<ImportSignatories>();
            try
            {
                if (result.GetValue(apply))
                {
                    var applied = await import.ApplyAsync(text, target, slug, cancellationToken);
                    Console.Write(ImportReport.Text(applied.Preview));
                    Console.WriteLine($"Applied: {applied.OrganizationsCreated} organization(s) created, {applied.MembershipsAdded} membership(s) and {applied.SignatoriesAdded} signatory(ies) added.");
                }
                else
                {
                    var preview = await import.PreviewAsync(text, target, slug, cancellationToken);
                    Console.Write(ImportReport.Text(preview));
                    Console.WriteLine($"Preview only: {preview.Writes} change(s) would be written. Run again with --apply to write them.");
                }
            }
            catch (StatementNotFoundException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }

            return 0;
        });
        return command;
    }

    private static async Task<string?> ReadInputAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await Console.In.ReadToEndAsync(cancellationToken);
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"File not found: {path}");
            return null;
        }

        if (new FileInfo(path).Length > SignatoryListParser.MaxLength * 4L)
        {
            await Console.Error.WriteLineAsync($"File too large: a signatory list is at most {SignatoryListParser.MaxLength:N0} characters.");
            return null;
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    /// <summary><c>organization⇥name⇥acronym</c> or <c>person⇥name⇥role⇥organization</c>.</summary>
    public static string ToTsv(IEnumerable<ParsedSignatory> signatories)
    {
        var builder = new StringBuilder();
        foreach (var signatory in signatories)
        {
            var line = signatory switch
            {
                ParsedPerson p => $"person\t{Field(p.Name)}\t{Field(p.Role)}\t{Field(p.Organization)}",
                ParsedOrganization o => $"organization\t{Field(o.Name)}\t{Field(o.Acronym)}",
                _ => throw new InvalidOperationException("Unknown signatory type."),
            };
            builder.Append(line).Append('\n');
        }

        return builder.ToString();

        // A tab or newline inside a field would break the columns.
        static string Field(string? value) => (value ?? "").Replace('\t', ' ').Replace('\n', ' ');
    }

    public static string ToJson(IEnumerable<ParsedSignatory> signatories) =>
        JsonSerializer.Serialize(
            signatories.Select(s => s switch
            {
                ParsedPerson p => (object)new { type = "person", name = p.Name, role = p.Role, organization = p.Organization },
                ParsedOrganization o => new { type = "organization", name = o.Name, acronym = o.Acronym },
                _ => throw new InvalidOperationException("Unknown signatory type."),
            }),
            JsonOutput) + "\n";

    private static readonly JsonSerializerOptions JsonOutput = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
