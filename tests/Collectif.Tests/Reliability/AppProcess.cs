using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Collectif.Tests.Reliability;

/// <summary>
/// The built executable serving HTTP on a loopback port, as an operator runs it (Production
/// settings), on the database named by <paramref name="environment"/>: started, awaited until
/// healthy, stopped gracefully or killed with SIGKILL, and started again on the same data.
/// </summary>
public sealed class AppProcess(IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly Queue<string> _lastLines = new();
    private Process? _process;

    public int Port { get; } = FreePort();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _process is { HasExited: false };

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The settings an operator would give the executable to work on <paramref name="setup"/>'s database:
    /// plain http on loopback, the test SMTP server, a quick outbox, no PDF printing, and the
    /// per-network petition limits lifted (every client here is 127.0.0.1) unless overridden.
    /// </summary>
    public static Dictionary<string, string> EnvironmentFor(CollectifApp setup) => new(setup.CommandLineEnvironment)
    {
        ["Collectif__SecureCookies"] = "false", // plain http on loopback
        ["Collectif__DemoData"] = "false",
        ["Collectif__ChromiumPath"] = "/nonexistent", // no PDF printing: these tests are about signatures and mail
        ["Collectif__Petitions__PerNetworkPerMinute"] = "100000000",
        ["Collectif__Petitions__PerNetworkPerHour"] = "100000000",
        ["Collectif__Petitions__PerDomainPerTenMinutes"] = "100000000",
        ["Collectif__Petitions__TrendThreshold"] = "100000000",
        ["Collectif__Email__SmtpHost"] = "127.0.0.1",
        ["Collectif__Email__SmtpPort"] = SmtpSink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Collectif__Email__Security"] = "None",
        ["Collectif__Email__FromAddress"] = "secretariat@collectif.example",
        ["Collectif__Email__PollInterval"] = "00:00:01",
        // Mail claimed by a killed instance goes out 5 s later instead of 5 minutes.
        ["Collectif__Email__ClaimLease"] = "00:00:05",
    };

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Already running.");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Repository.CollectifDll);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Remember(line.Data);
        _process.ErrorDataReceived += (_, line) => Remember(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (the database is migrated and reachable).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(90)))
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"The application exited with code {_process?.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // starting slowly on a busy machine
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The application did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or the out-of-memory killer.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>SIGTERM, as systemd stops a service, and waits for the graceful shutdown.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                using var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await terminate.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await process.WaitForExitAsync(timeout.Token);
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>The last lines the application wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 60)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
