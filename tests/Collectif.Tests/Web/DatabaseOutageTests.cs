using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Collectif.Tests.Web;

/// <summary>A loopback relay in front of the test PostgreSQL server that can cut every connection and refuse new ones, then let them through again.</summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;

    public TcpRelay(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The database "goes away": open connections drop, new ones are closed at once.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            _open.ForEach(c => c.Dispose());
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_host, _port, _stop.Token);
            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream(), _stop.Token), server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // a cut connection
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }
}

/// <summary>An instance that reaches its PostgreSQL database through a relay the test can cut.</summary>
public sealed class RelayedPostgresApp : CollectifApp
{
    public RelayedPostgresApp()
    {
        if (PostgresServer is { } server)
        {
            var settings = new NpgsqlConnectionStringBuilder(server);
            Relay = new TcpRelay(settings.Host ?? "127.0.0.1", settings.Port);
        }
    }

    public TcpRelay? Relay { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Relay is not null)
        {
            var relayed = new NpgsqlConnectionStringBuilder(PostgresServer) { Host = "127.0.0.1", Port = Relay.Port, Database = PostgresDatabase, Timeout = 5 };
            builder.UseSetting("Collectif:Database:ConnectionString", relayed.ConnectionString);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }
    }
}

/// <summary>The database goes away and comes back: people get a clear 503 with Retry-After (page, API, health), nothing half-saved, and the site recovers without a restart.</summary>
public class DatabaseOutageTests(RelayedPostgresApp app) : IClassFixture<RelayedPostgresApp>
{
    [Fact]
    public async Task While_the_database_is_unreachable_people_get_503_with_retry_and_the_site_recovers_by_itself()
    {
        Assert.SkipWhen(app.Relay is null, "needs a database server to cut off (./test's PostgreSQL pass)");
        var (_, slug, id) = await app.PublishedStatementAsync();
        var visitor = app.Anonymous("fr");
        (await visitor.GetAsync("/statements")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Relay!.Cut();
        // The statements list was kept in memory (the public cache): it goes on being read.
        (await visitor.GetAsync("/statements")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await visitor.GetAsync("/organizations");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        html.ShouldContain("Momentanément indisponible");
        html.ShouldContain("n’a pas été enregistré");
        html.ShouldNotContain("Npgsql");
        html.ShouldNotContain("   at ");

        var api = await visitor.GetAsync("/api/statements");
        api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        api.Headers.RetryAfter.ShouldNotBeNull();
        (await api.Content.ReadAsStringAsync()).ShouldNotContain("Npgsql");

        var signing = await visitor.PostAsync($"/api/petitions/{slug}/signatures", new StringContent("{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"outage@example.org\"}", System.Text.Encoding.UTF8, "application/json"));
        signing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await visitor.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        // Back: the very next requests work, with no restart.
        app.Relay.Restore();
        (await visitor.GetAsync("/organizations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/api/statements")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PetitionSignatures, s => s.StatementId == id))).ShouldBe(0);
    }

    [Fact]
    public void Failures_that_mean_the_database_is_away_are_told_from_errors_of_the_request()
    {
        // Real exceptions from the real drivers, not constructed ones.
        var cannotOpen = Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() =>
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing", "x.db")};Mode=ReadWrite");
            connection.Open();
        });
        Collectif.Web.DatabaseUnavailable.Is(cannotOpen).ShouldBeTrue();

        var syntax = Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() =>
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELEC 1";
            command.ExecuteNonQuery();
        });
        Collectif.Web.DatabaseUnavailable.Is(syntax).ShouldBeFalse();
        Collectif.Web.DatabaseUnavailable.Is(new InvalidOperationException("bug")).ShouldBeFalse();
        Collectif.Web.DatabaseUnavailable.Is(new InvalidOperationException("printing", new TimeoutException())).ShouldBeFalse(); // not the database

        var refused = Should.Throw<NpgsqlException>(() =>
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // nothing listens there any more
            using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=x;Timeout=3;Pooling=false");
            connection.Open();
        });
        Collectif.Web.DatabaseUnavailable.Is(refused).ShouldBeTrue();
    }
}
