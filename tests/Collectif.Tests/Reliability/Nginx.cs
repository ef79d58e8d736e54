using System.Diagnostics;
using System.Globalization;

namespace Collectif.Tests.Reliability;

/// <summary>
/// Debian's nginx as a loopback load balancer in front of several instances (round robin), with
/// the proxy settings of docs/operations.md. Each answer says which instance served it
/// (<c>X-Upstream</c>, added here, not by Collectif). Its files live in a temporary folder.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "collectif-nginx-" + Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    public Nginx(IEnumerable<Uri> instances)
    {
        Port = AppProcess.FreePort();
        Directory.CreateDirectory(_directory);
        var servers = string.Concat(instances.Select(i => $"        server 127.0.0.1:{i.Port};\n"));
        var temp = string.Concat(new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"    {t}_temp_path {_directory}/{t};\n"));
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
            {{temp}}
                upstream collectif {
            {{servers}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{Port}};
                    client_max_body_size 12m;
                    location / {
                        proxy_pass http://collectif;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """));
        _process = Process.Start(new ProcessStartInfo(Executable, ["-p", _directory, "-c", Path.Combine(_directory, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static bool Installed => File.Exists(Executable);

    /// <summary>Waits until nginx answers (any status: the instances may still be starting).</summary>
    public async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await _process.StandardError.ReadToEndAsync() + ErrorLog());
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException("nginx did not start: " + ErrorLog());
    }

    private string ErrorLog() => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
