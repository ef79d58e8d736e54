extern alias product;

using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

/// <summary>
/// A cold PDF, timed: the printed copy kept in the database is deleted before each download, and
/// each asks an address of its own (past the output cache), so the app prints it again (its whole
/// path: load, key, Chromium, store). The baseline is the engine
/// alone: the same Chromium, with the product's flags, printing the statement's page saved to a
/// file, in the same run.
/// </summary>
internal static class PdfTiming
{
    public static async Task<int> RunAsync(string url, string database, string slug, int rounds, string chromium)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var product = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            using (var connection = new SqliteConnection($"Data Source={database};Pooling=false"))
            {
                connection.Open();
                using var delete = connection.CreateCommand();
                delete.CommandText = "PRAGMA busy_timeout=10000; DELETE FROM StatementPdfs WHERE StatementId = (SELECT Id FROM Statements WHERE Slug = $slug)";
                delete.Parameters.AddWithValue("$slug", slug);
                delete.ExecuteNonQuery();
            }

            var clock = Stopwatch.StartNew();
            // A query string of its own, or the app's output cache answers with the copy it already sent.
            using var answer = await http.GetAsync($"{url}/statements/{slug}.pdf?cold={i}");
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (!answer.IsSuccessStatusCode || bytes.Length < 1000)
            {
                Console.Error.WriteLine($"The PDF download answered {(int)answer.StatusCode} with {bytes.Length} bytes.");
                return 1;
            }

            product.Add(clock.Elapsed.TotalMilliseconds);
        }

        var page = await http.GetStringAsync($"{url}/statements/{slug}");
        var folder = Directory.CreateTempSubdirectory("collectif-bench-pdf-");
        var baseline = new List<double>();
        try
        {
            var input = Path.Combine(folder.FullName, "page.html");
            await File.WriteAllTextAsync(input, page);
            for (var i = 0; i < rounds; i++)
            {
                var output = Path.Combine(folder.FullName, $"page{i}.pdf");
                var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var argument in product::Collectif.Features.Statements.Pdf.PdfRenderer.Arguments(
                    Path.Combine(folder.FullName, "profile" + i.ToString(CultureInfo.InvariantCulture)), input, output))
                {
                    start.ArgumentList.Add(argument);
                }

                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var errors = process.StandardError.ReadToEndAsync();
                _ = process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                clock.Stop();
                if (process.ExitCode != 0 || !File.Exists(output))
                {
                    Console.Error.WriteLine("Chromium failed: " + await errors);
                    return 1;
                }

                baseline.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH {{\"rounds\":{rounds},\"product_median_ms\":{Median(product):0.0},\"product_max_ms\":{product.Max():0.0},\"baseline_median_ms\":{Median(baseline):0.0},\"baseline_max_ms\":{baseline.Max():0.0}}}"));
        return 0;
    }
}
