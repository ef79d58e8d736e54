namespace Collectif;

/// <summary>Settings of section <c>Collectif</c> (environment: <c>Collectif__DataDirectory</c> …).</summary>
public sealed class CollectifOptions
{
    public const string Section = "Collectif";

    /// <summary>Folder for the SQLite database and data-protection keys; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the seed coalition on first start. True for <c>dotnet run</c> (Development), false otherwise.</summary>
    public bool DemoData { get; set; }

    /// <summary>Apply database migrations when the application starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public BootstrapAdministratorOptions Admin { get; set; } = new();

    /// <summary>
    /// Cookies are <c>Secure</c> and named <c>__Host-…</c>. True by default (production is served
    /// over https); false in Development, where <c>dotnet run</c> serves plain http. With true, forms
    /// refuse plain-http requests.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Sign-in attempts allowed per minute and client address.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Requests per minute allowed to one API token on the endpoints that need a token.</summary>
    public int ApiRequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Public sign forms processed at once by this instance; more wait in line (up to 10,000, then
    /// 429). Four per core keeps the cores busy and the signatures committing together, while the
    /// pages people read during a burst are not stuck behind a queue of signatures on the CPU.
    /// </summary>
    public int ConcurrentSignatures { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>
    /// Chromium used to print statements to PDF (Debian's <c>chromium</c>). Empty or missing file:
    /// no PDF, the download link is hidden and the administration dashboard says why.
    /// </summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>
    /// Serve OpenTelemetry metrics in Prometheus' text format at <c>/metrics</c>, to requests from this
    /// machine only (a Prometheus or an OpenTelemetry Collector beside the application). Metrics are
    /// also pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public bool MetricsEndpoint { get; set; } = true;

    /// <summary>
    /// How long feeds, calendars, PDFs, the statements list and search results are served from memory
    /// to visitors who are not signed in (see <see cref="Web.PublicCache"/>); 0 turns it off. Changes
    /// made through this instance show at once; another instance's changes within this time.
    /// </summary>
    public int PublicCacheSeconds { get; set; } = 30;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

/// <summary>The first administrator, created on first start when no account exists.</summary>
public sealed class BootstrapAdministratorOptions
{
    public string Email { get; set; } = "admin@localhost";

    /// <summary>When empty, a random password is generated and written to <c>initial-admin-password.txt</c> in the data directory.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// For automated set-ups only: a base32 TOTP secret enrolled for the first administrator. Without
    /// it, the administrator enrols an authenticator app at first sign-in.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
}
