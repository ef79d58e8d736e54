extern alias product;

using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using product::Collectif.Data;
using product::Collectif.Features.Mobilizations;
using product::Collectif.Features.Statements;
using product::Collectif.Text;

/// <summary>
/// A coalition with years of history, for the feeds, search and calendar scenarios: published
/// communiqués and open letters of a few hundred words each (French and English, tagged, spread over
/// ten years), and mobilizations with gatherings in several cities and a status history. Written
/// through the product's own model (search text and FTS index kept by the product), into the
/// database the running app uses.
/// </summary>
internal static class Catalogue
{
    private static readonly string[] Words =
    [
        "mobilisation", "paix", "cessez-le-feu", "justice", "solidarité", "syndicats", "associations", "libertés",
        "manifestation", "interdiction", "préfecture", "droits", "humains", "travailleurs", "étudiants", "retraites",
        "salaires", "logement", "climat", "répression", "rassemblement", "appel", "coalition", "gouvernement",
        "ministre", "population", "civils", "enfants", "hôpitaux", "écoles", "démocratie", "expression",
        "dissolution", "poursuites", "militants", "journalistes", "presse", "frontières", "accueil", "réfugiés",
        "santé", "services", "publics", "grève", "marche", "cortège", "place", "république", "nation", "bastille",
    ];

    private static readonly string[] EnglishWords =
    [
        "mobilization", "peace", "ceasefire", "justice", "solidarity", "unions", "associations", "freedoms",
        "demonstration", "ban", "rights", "workers", "students", "pensions", "wages", "housing", "climate",
        "repression", "rally", "call", "coalition", "government", "civilians", "children", "hospitals", "schools",
        "democracy", "expression", "activists", "journalists", "press", "borders", "refugees", "health", "strike",
    ];

    private static readonly string[] Tags = ["Paix", "Libertés", "Travail", "Climat", "Logement", "Solidarité internationale", "Répression", "Éducation"];

    private static readonly string[] Cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes", "Bordeaux", "Strasbourg", "Rennes", "Montpellier", "Grenoble", "Rouen"];

    public static async Task<int> SeedAsync(string data, int statements, int mobilizations)
    {
        var app = product::Program.BuildWebApplication([
            "--environment", "Production",
            "--Collectif:DataDirectory", data,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        var random = new Random(7);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        const int chunk = 500;
        for (var done = 0; done < statements; done += chunk)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
            for (var i = done; i < Math.Min(statements, done + chunk); i++)
            {
                var english = i % 4 == 3;
                var title = Sentence(random, english, 6, 12).TrimEnd('.');
                var statement = new Statement
                {
                    Slug = "bench-" + i.ToString(CultureInfo.InvariantCulture) + "-" + TextKey.Slug(title, 60),
                    Kind = i % 5 == 4 ? StatementKind.OpenLetter : StatementKind.Communique,
                    Language = english ? "en" : "fr",
                    Title = title,
                    Body = Body(random, english),
                    PublishedAt = now.AddMinutes(-(statements - i) * 525.0), // about one every nine hours, ten years for 10,000
                    CreatedAt = now,
                    Tags = [.. Tags.Where((_, t) => (i + t) % 7 == 0).Select(t => new StatementTag { Name = t, Slug = TextKey.Slug(t, StatementTag.MaxLength) })],
                };
                if (statement.Kind == StatementKind.OpenLetter)
                {
                    statement.Addressee = "Monsieur le Ministre de l’Intérieur";
                    statement.Place = Cities[i % Cities.Length];
                    statement.LetterDate = DateOnly.FromDateTime(statement.PublishedAt.Value);
                    statement.Subject = Sentence(random, english, 4, 8).TrimEnd('.');
                }

                statement.Revisions.Add(StatementRevision.Initial(statement, now));
                db.Statements.Add(statement);
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
            for (var i = 0; i < mobilizations; i++)
            {
                var starts = now.AddDays(i - mobilizations / 2).Date.AddHours(12);
                var status = starts < now ? MobilizationStatus.Held : i % 9 == 0 ? MobilizationStatus.Banned : MobilizationStatus.Announced;
                var gatherings = Enumerable.Range(0, 1 + i % 4).Select(g => new Gathering
                {
                    City = Cities[(i + g) % Cities.Length],
                    PlaceName = "Place de la " + Words[(i + g) % Words.Length],
                    StartsAt = starts.AddHours(g),
                    EndsAt = starts.AddHours(g + 3),
                    TimeZone = "Europe/Paris",
                    Status = status,
                    Turnout = status == MobilizationStatus.Held
                        ? [new TurnoutEstimate { SourceKind = TurnoutSource.Organizers, Low = 1000 + random.Next(30_000), At = starts.AddHours(6) }]
                        : [],
                }).ToList();
                var mobilization = new Mobilization
                {
                    Slug = "bench-mobilization-" + i.ToString(CultureInfo.InvariantCulture),
                    Kind = i % 2 == 0 ? MobilizationKind.March : MobilizationKind.Rally,
                    Title = Sentence(random, false, 4, 9).TrimEnd('.'),
                    Description = Sentence(random, false, 30, 60),
                    Published = true,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Gatherings = gatherings,
                };
                mobilization.StatusChanges.Add(new StatusChange { Status = MobilizationStatus.Announced, At = starts.AddDays(-7), Source = "Appel de la coalition" });
                if (status != MobilizationStatus.Announced)
                {
                    mobilization.StatusChanges.Add(new StatusChange { Status = status, At = starts.AddDays(-1), Source = "Préfecture" });
                }

                db.Mobilizations.Add(mobilization);
            }

            await db.SaveChangesAsync();
        }

        await app.DisposeAsync();
        Console.WriteLine($"seeded {statements} statements and {mobilizations} mobilizations");
        return 0;
    }

    private static string Body(Random random, bool english)
    {
        var body = new StringBuilder();
        for (var paragraph = 0; paragraph < 4 + random.Next(4); paragraph++)
        {
            for (var sentence = 0; sentence < 3 + random.Next(3); sentence++)
            {
                body.Append(Sentence(random, english, 8, 22)).Append(' ');
            }

            body.Append("\n\n");
        }

        return body.ToString().Trim();
    }

    private static string Sentence(Random random, bool english, int min, int max)
    {
        var words = english ? EnglishWords : Words;
        var text = string.Join(' ', Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => words[random.Next(words.Length)]));
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }
}
