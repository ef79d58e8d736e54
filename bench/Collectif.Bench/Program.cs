using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

// bench/run's helpers, kept apart from the product:
//   sqlite-baseline FILE SECONDS   inserts one row per transaction with the product's pragmas; prints rows/s
//   seed DB SLUG COUNT             adds COUNT confirmed signatures to the petition SLUG (one transaction)
//   press-fanout DATA SMTP-PORT COUNT [--no-baseline]
//                                  a distribution to COUNT journalists through the product vs a bare MailKit loop
//   seed-catalogue DATA STATEMENTS MOBILIZATIONS
//                                  years of published statements and mobilizations (feeds, search, calendar)
//   pdf-cold URL DB SLUG ROUNDS CHROMIUM
//                                  times PDF downloads with no printed copy kept vs Chromium printing the page alone
return args switch
{
    ["press-fanout", var data, var port, var count] => await PressFanout.RunAsync(data, int.Parse(port, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture), withBaseline: true),
    ["press-fanout", var data, var port, var count, "--no-baseline"] => await PressFanout.RunAsync(data, int.Parse(port, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture), withBaseline: false),
    ["sqlite-baseline", var file, var seconds] => Baseline(file, double.Parse(seconds, CultureInfo.InvariantCulture)),
    ["seed", var db, var slug, var count] => Seed(db, slug, int.Parse(count, CultureInfo.InvariantCulture)),
    ["seed-catalogue", var data, var statements, var mobilizations] => await Catalogue.SeedAsync(data, int.Parse(statements, CultureInfo.InvariantCulture), int.Parse(mobilizations, CultureInfo.InvariantCulture)),
    ["pdf-cold", var url, var db, var slug, var rounds, var chromium] => await PdfTiming.RunAsync(url, db, slug, int.Parse(rounds, CultureInfo.InvariantCulture), chromium),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Collectif.Bench sqlite-baseline FILE SECONDS | seed DB SLUG COUNT | press-fanout DATA SMTP-PORT COUNT [--no-baseline] | seed-catalogue DATA STATEMENTS MOBILIZATIONS | pdf-cold URL DB SLUG ROUNDS CHROMIUM");
    return 2;
}

// The floor for durable intake: what this disk does for one small row per committed transaction,
// with the same pragmas as the product (WAL, synchronous=FULL), on one connection, as fast as it can.
static int Baseline(string file, double seconds)
{
    using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
    connection.Open();
    Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
    Execute(connection, "CREATE TABLE IF NOT EXISTS Rows (Id INTEGER PRIMARY KEY, Email TEXT NOT NULL, CreatedAt TEXT NOT NULL)");
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO Rows (Email, CreatedAt) VALUES ($email, $at)";
    var email = insert.Parameters.Add("$email", SqliteType.Text);
    var at = insert.Parameters.Add("$at", SqliteType.Text);
    var clock = Stopwatch.StartNew();
    var rows = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        email.Value = $"baseline{rows}@gmail.com";
        at.Value = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
        transaction.Commit();
        rows++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {{\"rows\":{rows},\"seconds\":{clock.Elapsed.TotalSeconds:0.000},\"rps\":{rows / clock.Elapsed.TotalSeconds:0.0}}}"));
    return 0;
}

// Confirmed signatures spread over 30 days, with countries and départements, as a large petition has.
static int Seed(string db, string slug, int count)
{
    using var connection = new SqliteConnection($"Data Source={db}");
    connection.Open();
    Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;");
    using var find = connection.CreateCommand();
    find.CommandText = "SELECT Id, COALESCE(CurrentContentHash, '') FROM Statements WHERE Slug = $slug";
    find.Parameters.AddWithValue("$slug", slug);
    using var reader = find.ExecuteReader();
    if (!reader.Read())
    {
        Console.Error.WriteLine($"No statement '{slug}'.");
        return 1;
    }

    var statementId = reader.GetInt32(0);
    var revision = reader.GetString(1);
    reader.Close();

    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = """
        INSERT INTO PetitionSignatures (StatementId, Status, FirstName, LastName, EmailKey, EmailDomain, Postcode, Country, Departement, "Public", Language,
            RevisionHash, CreatedAt, ConfirmedAt, TokenHash, ConfirmationSentAt)
        VALUES ($statement, 'Confirmed', $first, 'Seed', $key, 'gmail.com', $postcode, $country, $departement, 1, 'fr', $revision, $at, $at, $token, $at)
        """;
    var parameters = new[] { "$statement", "$first", "$key", "$postcode", "$country", "$departement", "$revision", "$at", "$token" }
        .ToDictionary(name => name, name => insert.Parameters.Add(name, SqliteType.Text));
    parameters["$statement"].Value = statementId;
    parameters["$revision"].Value = revision;
    var random = new Random(42);
    var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-30);
    string[] countries = ["FR", "FR", "FR", "FR", "BE", "CH", "CA", "DE", "MA", "TN"];
    for (var i = 0; i < count; i++)
    {
        var country = countries[random.Next(countries.Length)];
        var departement = random.Next(1, 96).ToString("00", CultureInfo.InvariantCulture);
        parameters["$first"].Value = "Seed" + i.ToString(CultureInfo.InvariantCulture);
        parameters["$key"].Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        parameters["$token"].Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        parameters["$postcode"].Value = country == "FR" ? departement + "000" : DBNull.Value;
        parameters["$country"].Value = country;
        parameters["$departement"].Value = country == "FR" ? departement : DBNull.Value;
        parameters["$at"].Value = start.AddSeconds(30 * 24 * 3600.0 * Math.Sqrt(i / (double)count)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
    }

    transaction.Commit();
    Console.WriteLine($"seeded {count} signatures on {slug}");
    return 0;
}

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
