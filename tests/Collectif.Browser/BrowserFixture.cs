using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Collectif.Browser.BrowserFixture))]
[assembly: Collectif.Browser.BrowserFixture.CloseContexts]

namespace Collectif.Browser;

/// <summary>
/// The application on a real Kestrel port with the demo coalition, and Debian's Chromium driven by
/// Playwright (never a downloaded browser). One of each for the whole test assembly.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "browser tests password";
    public const string AdminAuthenticatorKey = "KRSXG5CTMVRXEZLUKN2XAZLSONSWC3TU";

    public static string Totp(string base32Key) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    private readonly string _data = Path.Combine(Path.GetTempPath(), "collectif-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public App Application { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("COLLECTIF_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "screenshots");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Application = new App(_data);
        Application.UseKestrel(0);
        Application.StartServer();
        BaseAddress = Application.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (own cookies) in the given language and window width, on this application or another one.</summary>
    public async Task<IPage> NewPageAsync(string language = "fr", int width = 1280, int height = 900, Uri? baseAddress = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = (baseAddress ?? BaseAddress).ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new() { Width = width, Height = height },
        });
        Opened.GetOrAdd(TestContext.Current.Test?.UniqueID ?? "", _ => []).Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>The contexts each running test opened. Left open, their pages would go on polling
    /// (live counters, progress) and holding memory for the rest of the run, slowing later tests.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<IBrowserContext>> Opened = new();

    /// <summary>Closes the browser contexts a test opened once it has ended, passed or failed.</summary>
    private static async Task CloseAsync(IEnumerable<IBrowserContext> contexts)
    {
        foreach (var context in contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // The browser is already shutting down at the end of the run: nothing left to close.
            }
        }
    }

    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class CloseContextsAttribute : Xunit.v3.BeforeAfterTestAttribute
    {
        public override void After(System.Reflection.MethodInfo methodUnderTest, Xunit.v3.IXunitTest test)
        {
            if (Opened.TryRemove(test.UniqueID, out var contexts))
            {
                // Not awaited: xUnit's hook is synchronous and may run on the thread that reads
                // Playwright's messages, so waiting here for the browser's answer would wait forever.
                _ = CloseAsync(contexts);
            }
        }
    }

    /// <summary>A page signed in as the demo administrator (password, then TOTP code), on the dashboard.</summary>
    public async Task<IPage> AdministratorPageAsync(string language, int width = 1280, Uri? baseAddress = null)
    {
        var page = await NewPageAsync(language, width: width, baseAddress: baseAddress);
        await page.GotoAsync("/login");
        await page.GetByLabel(language == "fr" ? "Adresse e-mail" : "E-mail address").FillAsync(AdminEmail);
        await page.GetByLabel(language == "fr" ? "Mot de passe" : "Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = language == "fr" ? "Se connecter" : "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/login/two-factor**");
        await page.GetByLabel("Code").FillAsync(Totp(AdminAuthenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = language == "fr" ? "Se connecter" : "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Application.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    public sealed class App(string data) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Collectif:DataDirectory", data);
            builder.UseSetting("Collectif:DemoData", "true");
            builder.UseSetting("Collectif:Admin:Email", AdminEmail);
            builder.UseSetting("Collectif:Admin:Password", AdminPassword);
            builder.UseSetting("Collectif:Admin:AuthenticatorKey", AdminAuthenticatorKey);
            builder.UseSetting("Collectif:Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Collectif:Email:SmtpPort", Collectif.Tests.SmtpSink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Collectif:Email:Security", "None");
            builder.UseSetting("Collectif:SignInAttemptsPerMinute", "1000");
            // The widget test embeds the petition in a page served from another loopback origin.
            builder.UseSetting("Collectif:Petitions:WidgetFrameAncestors", "http://127.0.0.1:* http://localhost:*");
            // Kestrel serves plain http here, as `dotnet run` does; the HTTP tests cover secure cookies.
            builder.UseSetting("Collectif:SecureCookies", "false");
        }
    }
}
