using Collectif.Tests.Features.Organizations;

namespace Collectif.Tests.Cli;

/// <summary>The real executable, run as a user would run it.</summary>
public class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "collectif-cli-" + Guid.NewGuid().ToString("N"));

    private Task<(int Code, string Out, string Error)> RunAsync(string? input, params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["Collectif__DataDirectory"] = _data, ["Collectif__Database__Provider"] = "Sqlite" }, input, args);

    [Fact]
    public async Task Parse_signatories_prints_one_tsv_line_per_signatory()
    {
        var (code, output, _) = await RunAsync(null, "parse-signatories", Path.Combine(AppContext.BaseDirectory, "Data", "seed-signatories.txt"));

        code.ShouldBe(0);
        var lines = output.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(48);
        lines[0].ShouldBe("organization\tAgir Contre le Colonialisme Aujourd’hui\tACCA");
        lines[1].ShouldBe("organization\tAFD International\t");
        lines.Select(l => l.Split('\t')[1]).ShouldBe(SignatoryListParserTests.SeedOrganizations.Select(o => o.Name));
    }

    [Fact]
    public async Task Parse_announcement_prints_one_tsv_line_per_gathering_with_the_year_from_the_signature()
    {
        const string text = "Samedi 18 novembre, rassemblements :\n- Paris, 14h30, place de la République\n- Lyon : 15h, place Bellecour (interdit)\nParis, le 14 novembre 2023\n";

        var (code, output, _) = await RunAsync(text, "parse-announcement", "-", "--format", "tsv");

        code.ShouldBe(0);
        output.ShouldBe("2023-11-18\t14:30\tplace de la République\tParis\tannounced\n2023-11-18\t15:00\tplace Bellecour\tLyon\tbanned\n");
        var (noYear, undated, _) = await RunAsync("Rassemblement samedi 18 novembre à 14h30 place de la République", "parse-announcement");
        noYear.ShouldBe(0);
        undated.ShouldBe("--11-18\t14:30\tplace de la République\t\tannounced\n");
        var (bad, _, error) = await RunAsync("x", "parse-announcement", "--published", "14/11/2023");
        bad.ShouldBe(2);
        error.ShouldContain("--published must be a date like 2023-11-14");
    }

    [Fact]
    public async Task Parse_signatories_reads_standard_input_and_writes_persons_and_json()
    {
        var (code, tsv, _) = await RunAsync("Jean Dupont, porte-parole d'Attac France\nCGT", "parse-signatories", "-");
        code.ShouldBe(0);
        tsv.ShouldBe("person\tJean Dupont\tporte-parole\tAttac France\norganization\tCGT\t\n");

        var (jsonCode, json, _) = await RunAsync("Fédération Syndicale Unitaire (FSU)", "parse-signatories", "--format", "json");
        jsonCode.ShouldBe(0);
        json.ShouldContain("\"name\": \"Fédération Syndicale Unitaire\"");
        json.ShouldContain("\"acronym\": \"FSU\"");
    }

    [Fact]
    public async Task Bad_arguments_get_a_clear_message_and_a_failing_exit_code()
    {
        var (missingCode, _, missingError) = await RunAsync(null, "parse-signatories", "/no/such/file.txt");
        missingCode.ShouldNotBe(0);
        missingError.ShouldContain("File not found: /no/such/file.txt");

        var (formatCode, _, formatError) = await RunAsync("CGT", "parse-signatories", "--format", "xml");
        formatCode.ShouldNotBe(0);
        formatError.ShouldContain("xml");

        var (targetCode, _, targetError) = await RunAsync("CGT", "import-signatories", "-");
        targetCode.ShouldNotBe(0);
        targetError.ShouldContain("Give exactly one of --members or --statement SLUG.");
    }

    [Fact]
    public async Task Import_previews_without_writing_then_applies_once()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "Data", "seed-signatories.txt");

        var (previewCode, preview, previewError) = await RunAsync(null, "import-signatories", list, "--members");
        previewCode.ShouldBe(0, previewError);
        preview.ShouldContain("48 new, 0 matched");
        preview.ShouldContain("Preview only: 48 change(s) would be written.");

        var (applyCode, applied, _) = await RunAsync(null, "import-signatories", list, "--members", "--apply");
        applyCode.ShouldBe(0);
        applied.ShouldContain("Applied: 48 organization(s) created, 48 membership(s)");

        var (_, again, _) = await RunAsync(null, "import-signatories", list, "--members", "--apply");
        again.ShouldContain("0 new, 48 matched");
        again.ShouldContain("Applied: 0 organization(s) created, 0 membership(s)");

        var (statementCode, _, statementError) = await RunAsync(null, "import-signatories", list, "--statement", "nope");
        statementCode.ShouldBe(2);
        statementError.ShouldContain("No statement has the slug 'nope'.");
    }

    [Fact]
    public async Task Migrate_and_seed_demo_are_idempotent()
    {
        (await RunAsync(null, "migrate")).Out.ShouldMatch(@"Applied \d+ migration\(s\): \d+_Initial");
        (await RunAsync(null, "migrate")).Out.ShouldContain("Database is up to date.");
        (await RunAsync(null, "seed-demo")).Code.ShouldBe(0);
        (await RunAsync(null, "seed-demo")).Code.ShouldBe(0);
        var (_, preview, _) = await RunAsync(null, "import-signatories", Path.Combine(AppContext.BaseDirectory, "Data", "seed-signatories.txt"), "--statement", "liberez-omar-alsoumi");
        preview.ShouldContain("0 new, 48 matched");
        preview.ShouldContain("Preview only: 0 change(s)");
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (code, output, _) = await RunAsync(null, "--help");

        code.ShouldBe(0);
        foreach (var command in new[] { "serve", "migrate", "seed-demo", "parse-signatories", "import-signatories", "verify-ledger", "backup", "restore" })
        {
            output.ShouldContain(command);
        }
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (Directory.Exists(_data))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_data, recursive: true);
        }
    }
}
