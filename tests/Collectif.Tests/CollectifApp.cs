using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Collectif.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Collectif.Tests;

/// <summary>
/// The whole application over real HTTP (in memory), on its own fresh database: a SQLite file in
/// a temporary folder, or — when <c>COLLECTIF_TEST_POSTGRES</c> is set by <c>./test</c> — a new
/// database on the private PostgreSQL server. Time is a fake clock the test can move.
/// </summary>
public class CollectifApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>The bootstrap administrator's TOTP secret (base32), so tests can compute its codes.</summary>
    public const string AdminAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private readonly string _directory;
    private readonly string? _postgresDatabase;
    private readonly bool _demoData;
    private readonly bool _ownsStorage;

    public CollectifApp()
        : this(demoData: false)
    {
    }

    protected CollectifApp(bool demoData)
    {
        // https, as in production: the cookies are Secure and __Host- prefixed.
        ClientOptions.BaseAddress = new Uri("https://localhost/");
        _demoData = demoData;
        _ownsStorage = true;
        _directory = Path.Combine(Path.GetTempPath(), "collectif-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        if (PostgresServer is not null)
        {
            _postgresDatabase = "collectif_test_" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    /// <summary>The same data as <paramref name="previous"/>, as after a restart of the application.</summary>
    public static CollectifApp Restart(CollectifApp previous, int? smtpPort = null, bool runOutboxWorker = false) =>
        new(previous, smtpPort, runOutboxWorker);

    private CollectifApp(CollectifApp previous, int? smtpPort, bool runOutboxWorker)
    {
        Settings = previous.Settings;
        ClientOptions.BaseAddress = new Uri("https://localhost/");
        _directory = previous._directory;
        _postgresDatabase = previous._postgresDatabase;
        _ownsStorage = false;
        SmtpPort = smtpPort ?? SmtpSink.Port;
        RunOutboxWorker = runOutboxWorker;
    }

    /// <summary>Where the application sends mail; a closed port simulates a mail server that is down.</summary>
    public int SmtpPort { get; init; } = SmtpSink.Port;

    /// <summary>Where the app looks for Chromium to print PDFs; a missing path tests the degraded mode.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>More configuration ("Collectif:Email:MaxPerMinute" = "5"…), as an operator would set it.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Tests of the outbox itself drive it by hand.</summary>
    public bool RunOutboxWorker { get; init; } = true;

    /// <summary>Connection string of the test PostgreSQL server, without a database, or null for SQLite runs.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("COLLECTIF_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool OnPostgres => PostgresServer is not null;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => _directory;

    /// <summary>This app's own database on the test PostgreSQL server (null on SQLite).</summary>
    protected string? PostgresDatabase => _postgresDatabase;

    /// <summary>Environment for the built executable (CLI tests) so it reads this app's database.</summary>
    public IReadOnlyDictionary<string, string> CommandLineEnvironment => _postgresDatabase is null
        ? new Dictionary<string, string> { ["Collectif__DataDirectory"] = _directory, ["Collectif__Database__Provider"] = "Sqlite" }
        : new Dictionary<string, string>
        {
            ["Collectif__DataDirectory"] = _directory,
            ["Collectif__Database__Provider"] = "Postgres",
            ["Collectif__Database__ConnectionString"] = $"{PostgresServer};Database={_postgresDatabase}",
        };

    /// <summary>The TXT records the application sees, per domain.</summary>
    public FakeTxtRecords Dns { get; } = new();

    /// <summary>Many tests sign in; the limit itself has its own test.</summary>
    protected virtual int SignInAttemptsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Collectif:DataDirectory", _directory);
        builder.UseSetting("Collectif:DemoData", _demoData ? "true" : "false");
        builder.UseSetting("Collectif:Admin:Email", AdminEmail);
        builder.UseSetting("Collectif:Admin:Password", AdminPassword);
        builder.UseSetting("Collectif:Admin:AuthenticatorKey", AdminAuthenticatorKey);
        builder.UseSetting("Collectif:Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Collectif:Email:SmtpPort", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Collectif:Email:Security", "None");
        builder.UseSetting("Collectif:Email:FromAddress", "secretariat@collectif.example");
        builder.UseSetting("Collectif:Email:RunWorker", RunOutboxWorker ? "true" : "false");
        if (ChromiumPath is not null)
        {
            builder.UseSetting("Collectif:ChromiumPath", ChromiumPath);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Collectif:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_postgresDatabase is not null)
        {
            builder.UseSetting("Collectif:Database:Provider", "Postgres");
            builder.UseSetting("Collectif:Database:ConnectionString", $"{PostgresServer};Database={_postgresDatabase}");
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // DNS is outside this machine: the only fake besides the clock.
            services.RemoveAll<Collectif.Features.Organizations.ITxtRecordLookup>();
            services.AddSingleton<Collectif.Features.Organizations.ITxtRecordLookup>(Dns);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingEndpointFilter>();
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>();
        });
    }

    public HttpClient Anonymous(string language = "en")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>A client signed in as the bootstrap administrator, through the real forms (password, then TOTP code).</summary>
    public async Task<HttpClient> AdministratorAsync(string language = "en")
    {
        var client = Anonymous(language);
        await SignInAsync(client, AdminEmail, AdminPassword, AdminAuthenticatorKey);
        return client;
    }

    /// <summary>Signs in through /login and, when asked, /login/two-factor with a code computed from <paramref name="authenticatorKey"/>.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? authenticatorKey = null)
    {
        var response = await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        if (response.Headers.Location!.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal))
        {
            authenticatorKey.ShouldNotBeNull("this account needs a second factor");
            response = await client.PostFormAsync("/login/two-factor", new() { ["Code"] = Totp(authenticatorKey) });
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        }

        return response;
    }

    /// <summary>The current TOTP code for a base32 key (Identity checks codes against the real clock).</summary>
    public static string Totp(string base32Key) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    public const string TestPassword = "a long and unusual test passphrase";

    /// <summary>Creates an account directly in the store, with roles; for tests about what roles may do.</summary>
    public async Task<(string Email, string Password)> CreateAccountAsync(params string[] roles)
    {
        var email = $"person-{Guid.NewGuid():N}@example.org";
        const string password = TestPassword;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Collectif.Features.Accounts.Account>>();
        var account = new Collectif.Features.Accounts.Account { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(account, password)).Succeeded.ShouldBeTrue();
        if (roles.Length > 0)
        {
            (await users.AddToRolesAsync(account, roles)).Succeeded.ShouldBeTrue();
        }

        return (email, password);
    }

    /// <summary>A new account with these roles, signed in, speaking <paramref name="language"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string language, params string[] roles)
    {
        var (email, password) = await CreateAccountAsync(roles);
        var client = Anonymous(language);
        await SignInAsync(client, email, password);
        return client;
    }

    /// <summary>The fields of the statement editor's form, as a browser posts them.</summary>
    public static Dictionary<string, string> StatementForm(string title, string body, string? slug = null, int baseRevision = 0, string kind = "Communique", string language = "fr") => new()
    {
        ["Form.Kind"] = kind,
        ["Form.Language"] = language,
        ["Form.Title"] = title,
        ["Form.Body"] = body,
        ["Form.Slug"] = slug ?? "",
        ["BaseRevision"] = baseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A published statement of its own (a petition unless told), made through the editor like a secretariat would.</summary>
    public async Task<(HttpClient Editor, string Slug, int Id)> PublishedStatementAsync(string kind = "Petition", string? title = null)
    {
        var editor = await SignedInAsync("en", Collectif.Features.Accounts.Roles.Editor);
        var slug = kind.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        (await editor.PostFormAsync("/editor/statements/new", StatementForm(title ?? "Sauvons la maternité " + slug[^4..], "Nous demandons le maintien de la maternité.", slug, kind: kind)))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var id = await WithDbAsync(db => db.Statements.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        return (editor, slug, id);
    }

    /// <summary>
    /// Runs SQL on a database connection of its own, past the application's EF Core interceptors, as
    /// another instance or a script would change the data (what the application cannot see).
    /// </summary>
    public async Task ExecuteOutsideTheAppAsync(string sql)
    {
        var changed = await WithDbAsync(async db =>
        {
            await using var connection = (System.Data.Common.DbConnection)Activator.CreateInstance(db.Database.GetDbConnection().GetType())!;
            connection.ConnectionString = db.Database.GetConnectionString();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        });
        changed.ShouldBeGreaterThan(0, sql);
    }

    /// <summary>An API token for a new account with these roles (and a delegation), made by the product's own service.</summary>
    public async Task<string> ApiTokenAsync(Collectif.Features.Api.ApiScopes scopes, string[] roles, int? delegateOf = null)
    {
        var (email, _) = await CreateAccountAsync(roles);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var account = await db.Accounts.SingleAsync(a => a.Email == email);
        if (delegateOf is { } organizationId)
        {
            db.Delegations.Add(new Collectif.Features.Accounts.Delegation { AccountId = account.Id, OrganizationId = organizationId });
            await db.SaveChangesAsync();
        }

        return await scope.ServiceProvider.GetRequiredService<Collectif.Features.Api.ApiTokens>().CreateAsync(account.Id, "test", scopes, 90, CancellationToken.None);
    }

    /// <summary>An organization with an e-mail domain, and a signed-in delegate of it.</summary>
    public async Task<(Collectif.Features.Organizations.Organization Organization, HttpClient Delegate)> OrganizationWithDelegateAsync(string language = "en")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var organization = new Collectif.Features.Organizations.Organization { Name = $"Union {tag}", Slug = $"union-{tag}" };
        organization.EmailDomains.Add(new Collectif.Features.Organizations.OrganizationDomain { Domain = $"union-{tag}.example" });
        await WithDbAsync(async db =>
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        });
        var (email, password) = await CreateAccountAsync();
        await WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Email == email);
            db.Delegations.Add(new Collectif.Features.Accounts.Delegation { AccountId = account.Id, OrganizationId = organization.Id });
            await db.SaveChangesAsync();
        });
        var client = Anonymous(language);
        await SignInAsync(client, email, password);
        return (organization, client);
    }

    public async Task WithDbAsync(Func<CollectifDb, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<CollectifDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<CollectifDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CollectifDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!_ownsStorage)
        {
            return;
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The test server has no network: a test says which address a request comes from with the <see cref="ClientAddressHeader"/> header (signers on other networks are outside this machine).</summary>
    private sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers[ClientAddressHeader].FirstOrDefault() is { } address)
                {
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
                }

                return following(context);
            });
            next(app);
        };
    }

    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>GET /test/throw raises an exception, to check that no stack trace reaches anyone.</summary>
    private sealed class ThrowingEndpointFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            // After the application's own pipeline, so its exception handlers are around it.
            app.Map("/test/throw", a => a.Run(_ => throw new InvalidOperationException("Secret internal detail")));
            app.Map("/api/test/throw", a => a.Run(_ => throw new InvalidOperationException("Secret internal detail")));
        };
    }
}

/// <summary>TXT records set by tests.</summary>
public sealed class FakeTxtRecords : Collectif.Features.Organizations.ITxtRecordLookup
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> _records = new();

    public void Add(string domain, string value) => _records.GetOrAdd(domain, _ => []).Add(value);

    public Task<IReadOnlyList<string>> GetTxtRecordsAsync(string domain, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_records.TryGetValue(domain, out var values) ? [.. values] : []);
}

/// <summary>The application with the demo coalition loaded, as <c>dotnet run</c> shows it.</summary>
public sealed class DemoApp() : CollectifApp(demoData: true);

public static partial class HttpExtensions
{
    private static readonly HtmlParser Parser = new();

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+/petitions/confirm/\S+")]
    private static partial System.Text.RegularExpressions.Regex ConfirmLink();

    /// <summary>The path of the confirmation link in the petition mail sent to this address (waits for the mail).</summary>
    public static async Task<string> PetitionConfirmationPathAsync(string email) =>
        new Uri(ConfirmLink().Match((await SmtpSink.WaitForMessageAsync(email)).TextBody!).Value).AbsolutePath;

    /// <summary>A ProblemDetails answer with this status, parsed.</summary>
    public static async Task<System.Text.Json.JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return System.Text.Json.JsonDocument.Parse(text).RootElement;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return await response.ReadDocumentAsync();
    }

    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts a form the way a browser does: fetches the page first for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var document = await page.ReadDocumentAsync();
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} ({page.StatusCode}).");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    /// <summary>Posts a multipart form (with files) the way a browser does, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url, Dictionary<string, string> fields, Dictionary<string, (string FileName, byte[] Content)> files, string? formPage = null)
    {
        var document = await (await client.GetAsync(formPage ?? url)).ReadDocumentAsync();
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}.");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", token)))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, (fileName, bytes)) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return await client.PostAsync(url, content);
    }

    public static string Text(this IHtmlDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches {selector}.");
}
