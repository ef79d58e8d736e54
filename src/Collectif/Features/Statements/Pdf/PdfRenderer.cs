using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Statements.Pdf;

/// <summary>
/// Prints an HTML document to PDF with headless Chromium (see docs/decisions/0015-pdf-with-chromium.md):
/// correct French typography and Arabic shaping, embedded font subsets, real text. The document is
/// written to a private temporary folder and carries its own CSP (no script, no network; turning
/// scripts off by flag breaks Chromium's printing), and user text in it is encoded or sanitized.
/// </summary>
public sealed class PdfRenderer(IOptions<CollectifOptions> options, ILogger<PdfRenderer> logger) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Each Chromium is a few hundred MB at its peak; two at a time keeps a small server responsive.
    private readonly SemaphoreSlim _slots = new(2);

    public string ChromiumPath => options.Value.ChromiumPath;

    public void Dispose() => _slots.Dispose();

    public bool IsAvailable => !string.IsNullOrWhiteSpace(ChromiumPath) && File.Exists(ChromiumPath);

    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"Chromium was not found at '{ChromiumPath}' (Collectif:ChromiumPath).");
        }

        var folder = Directory.CreateTempSubdirectory("collectif-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "statement.html");
            var output = Path.Combine(folder.FullName, "statement.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            await _slots.WaitAsync(cancellationToken);
            try
            {
                await RunChromiumAsync(folder.FullName, input, output, cancellationToken);
            }
            finally
            {
                _slots.Release();
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>How Chromium is asked to print <paramref name="input"/> to <paramref name="output"/> (the benchmark's baseline uses the same).</summary>
    public static IReadOnlyList<string> Arguments(string profile, string input, string output) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-extensions", "--disable-background-networking",
        $"--user-data-dir={profile}", "--no-pdf-header-footer",
        $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
    ];

    private async Task RunChromiumAsync(string folder, string input, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(Path.Combine(folder, "profile"), input, output))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0 || !File.Exists(output))
        {
            var message = await errors;
            logger.LogError("Chromium failed to print a PDF (exit code {ExitCode}): {Errors}", process.ExitCode, message);
            throw new InvalidOperationException($"Chromium failed to print the PDF (exit code {process.ExitCode}).");
        }
    }
}
