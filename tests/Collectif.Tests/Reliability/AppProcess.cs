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

    /// <summary>
    /// A free loopback port below Linux's ephemeral range (32768 and up): the instance keeps it across
    /// restarts, and while it is down an outgoing connection could otherwise be given the same port.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32000.");
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

        lock (_lastLines)
        {
            _lastLines.Clear(); // a failure message shows this instance's lines, not its killed predecessors'
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
        var last = "no answer yet";
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

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = "not listening: " + exception.Message; // not yet
            }
            catch (TaskCanceledException)
            {
                last = "no answer within 5 s"; // starting slowly on a busy machine
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The application (process {_process?.Id}, port {Port}) did not become healthy in {clock.Elapsed.TotalSeconds:0} s; last /healthz: {last}\n{Output}");
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
