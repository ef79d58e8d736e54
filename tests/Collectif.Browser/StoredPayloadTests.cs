using Collectif.Data;
using Collectif.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>
/// Stored cross-site scripting, checked where it happens: in a real browser. Every text column of
/// every table of the demo database is overwritten with script in several disguises (each column its
/// own marker), then every public and administration page is loaded in Chromium, as a visitor and
/// as the administrator. A page fails if a dialog opens, if the console shows a marker or a blocked
/// inline script (the policy would hide a real escaping bug), or if its DOM holds an element or
/// attribute built from the payload (an event handler, a script, a <c>javascript:</c> link).
/// The application runs on a database of its own: the payloads would spoil the other tests' pages.
/// </summary>
public sealed class StoredPayloadTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "collectif-payloads-" + Guid.NewGuid().ToString("N"));
    private BrowserFixture.App app = null!;

    public ValueTask InitializeAsync()
    {
        app = new BrowserFixture.App(data);
        app.UseKestrel(0);
        app.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    // Columns whose value the application needs to be what it is to find or show anything at all
    // (addresses, slugs, hashes, codes, language tags); the payload would only give 404s there.
    private static readonly string[] Structural =
    [
        "Slug", "Email", "Normalized", "Hash", "Token", "Secret", "Stamp", "Password", "Key", "Language", "Culture",
        "TimeZone", "ContentType", "Scopes", "Discriminator", "Kind", "Status", "Code", "Prefix", "Fingerprint", "Nonce", "UserName",
    ];

    // Identity's roles, claims and authenticator keys, and the data-protection keys: not text anyone types, and the
    // administrator could no longer sign in to look at the pages.
    private static bool IsMachinery(string table) =>
        table is "Roles" or "RoleClaims" or "AccountClaims" or "AccountLogins" or "AccountTokens" or "AccountRoles" or "DataProtectionKeys";

    /// <summary>Script in the disguises that escape a careless encoder: markup, attribute break-out, a URL scheme.</summary>
    private static string Payload(int marker) =>
        $"\"'><img src=x onerror=alert('XSS:{marker}')><script>alert('XSS:{marker}')</script><svg onload=alert('XSS:{marker}')>";

    private static string ShortPayload(int marker) => $"<svg onload=alert('XSS:{marker}')>";

    private static string UrlPayload(int marker) => $"javascript:alert('XSS:{marker}')";

    [Fact]
    public async Task Stored_payloads_never_run_or_become_markup_on_any_public_or_administration_page()
    {
        var columns = await PoisonEveryTextColumnAsync();
        var baseAddress = app.ClientOptions.BaseAddress;
        var values = await SiteMap.RealValuesAsync(app.Services);
        var paths = SiteMap.Routes(app.Services)
            .Where(e => SiteMap.Methods(e).Contains("GET"))
            .Select(e => SiteMap.Fill(e, values))
            .Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !p.EndsWith(".pdf", StringComparison.Ordinal) && !SiteMap.EndsTheSession(p))
            .Distinct()
            .ToList();
        var failures = new List<string>();
        var pagesSeen = 0;

        foreach (var (who, page) in new[] { ("visitor", await browser.NewPageAsync("fr", baseAddress: baseAddress)), ("administrator", await browser.AdministratorPageAsync("en", baseAddress: baseAddress)) })
        {
            var current = "";
            page.Dialog += async (_, dialog) =>
            {
                failures.Add($"{current} as {who}: a dialog opened: {dialog.Message}");
                await dialog.DismissAsync();
            };
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("XSS:", StringComparison.Ordinal) || message.Text.Contains("Refused to execute inline", StringComparison.Ordinal))
                {
                    failures.Add($"{current} as {who}: console: {message.Text}");
                }
            };

            foreach (var path in paths)
            {
                current = path;
                IResponse? response;
                try
                {
                    response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
                }
                catch (PlaywrightException exception) when (exception.Message.Contains("Download is starting", StringComparison.Ordinal))
                {
                    continue; // a file to save (CSV, JSON, calendar), not a page
                }

                if (response is null || !(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                {
                    continue;
                }

                pagesSeen++;
                if (response.Status >= 500)
                {
                    failures.Add($"{path} as {who}: {response.Status} with the payloads stored");
                }

                foreach (var injected in await page.EvaluateAsync<string[]>(FindInjectedMarkup))
                {
                    failures.Add($"{path} as {who}: {injected} (column {Column(columns, injected)})");
                }
            }
        }

        output.WriteLine($"{columns.Count} text columns poisoned, {pagesSeen} HTML pages loaded, {failures.Count} failures.");
        foreach (var failure in failures.Distinct())
        {
            output.WriteLine("FAILED " + failure);
        }

        failures.Distinct().Take(30).ShouldBeEmpty();
        columns.Count.ShouldBeGreaterThan(60, "the text columns of the database were found");
        pagesSeen.ShouldBeGreaterThan(50, "public and administration pages were loaded");
    }

    // Elements and attributes the payload would create if anything printed it as HTML.
    private const string FindInjectedMarkup = """
        () => {
          const found = [];
          for (const element of document.querySelectorAll('*')) {
            if (element.tagName === 'SCRIPT' && element.type === 'application/ld+json') {
              // Structured data is not run, but the payload must stay inside it as a JSON string.
              try { JSON.parse(element.textContent); } catch { found.push('JSON-LD broken by a stored value: ' + element.textContent.slice(0, 60)); }
            } else if (element.tagName === 'SCRIPT' && element.textContent.includes('XSS:')) found.push('a script element: ' + element.textContent.slice(0, 60));
            for (const attribute of element.attributes) {
              const value = attribute.value;
              if (!value.includes('XSS:')) continue;
              if (attribute.name.startsWith('on')) found.push('an event handler: <' + element.tagName.toLowerCase() + ' ' + attribute.name + '="' + value.slice(0, 60) + '">');
              else if (['href', 'src', 'action', 'formaction', 'data'].includes(attribute.name) && value.trim().toLowerCase().startsWith('javascript:')) found.push('a javascript: URL in ' + element.tagName.toLowerCase() + '@' + attribute.name + ': ' + value.slice(0, 60));
            }
          }
          return found;
        }
        """;

    private static string Column(Dictionary<int, string> columns, string found)
    {
        var at = found.IndexOf("XSS:", StringComparison.Ordinal);
        var digits = new string(found[(at + 4)..].TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var marker) && columns.TryGetValue(marker, out var column) ? column : "?";
    }

    /// <summary>Every non-structural text column of every table gets a payload with its own marker; returns marker → table.column.</summary>
    private async Task<Dictionary<int, string>> PoisonEveryTextColumnAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var columns = new Dictionary<int, string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is { } name && !IsMachinery(name) && e.GetViewName() is null))
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && !p.IsKey() && !p.IsForeignKey() && p.GetValueConverter() is null))
            {
                var column = property.GetColumnName();
                if (Structural.Any(s => column.Contains(s, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var marker = columns.Count + 1;
                var isUrl = column.Contains("Url", StringComparison.OrdinalIgnoreCase) || column.Contains("Website", StringComparison.OrdinalIgnoreCase) || column.Contains("Link", StringComparison.OrdinalIgnoreCase);
                var payload = isUrl ? UrlPayload(marker) : Payload(marker);
                if (property.GetMaxLength() is { } max && max < payload.Length)
                {
                    payload = ShortPayload(marker);
                    if (max < payload.Length)
                    {
                        continue;
                    }
                }

                columns[marker] = $"{table}.{column}";
                // Raw SQL on purpose: the payload goes in as an attacker's earlier write would have left it, past every form's validation.
#pragma warning disable EF1002 // table and column names come from the model, the value is a parameter
                await db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = {{0}} WHERE \"{column}\" IS NOT NULL", payload);
#pragma warning restore EF1002
            }
        }

        return columns;
    }
}
