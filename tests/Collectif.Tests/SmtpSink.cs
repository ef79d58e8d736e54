using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Collectif.Tests;

/// <summary>
/// The real SMTP server the tests send to: the one <c>./test</c> started (Debian's aiosmtpd writing
/// every message to a Maildir), or, when tests run alone, one started here the same way.
/// Tests find their messages by their own unique recipient address.
/// </summary>
public static class SmtpSink
{
    private static readonly Lazy<(int Port, string Maildir)> Server = new(Start);

    public static int Port => Server.Value.Port;

    public static string Maildir => Server.Value.Maildir;

    public static IEnumerable<MimeMessage> MessagesTo(string address)
    {
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(Maildir, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path))
            {
                MimeMessage message;
                try
                {
                    message = MimeMessage.Load(file);
                }
                catch (IOException)
                {
                    continue; // being written
                }

                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return message;
                }
            }
        }
    }

    /// <summary>Messages to any address at <paramref name="domain"/> (a test's own): cheap to scan, the raw text is checked before parsing.</summary>
    public static IReadOnlyList<MimeMessage> MessagesToDomain(string domain)
    {
        var found = new List<MimeMessage>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(Maildir, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path))
            {
                try
                {
                    if (File.ReadAllText(file).Contains("@" + domain, StringComparison.OrdinalIgnoreCase))
                    {
                        var message = MimeMessage.Load(file);
                        if (message.To.Mailboxes.Any(m => m.Address.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)))
                        {
                            found.Add(message);
                        }
                    }
                }
                catch (IOException)
                {
                    // being written
                }
            }
        }

        return found;
    }

    /// <summary>Waits for the SMTP server to have stored a message to <paramref name="address"/> (delivery is asynchronous).</summary>
    public static async Task<MimeMessage> WaitForMessageAsync(string address, TimeSpan? timeout = null, string? subjectContains = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            var message = MessagesTo(address).FirstOrDefault(m => subjectContains is null || (m.Subject ?? "").Contains(subjectContains, StringComparison.Ordinal));
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No message to {address} reached the SMTP server.");
    }

    private static (int, string) Start()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLLECTIF_TEST_SMTP_PORT"), out var port)
            && Environment.GetEnvironmentVariable("COLLECTIF_TEST_MAILDIR") is { Length: > 0 } maildir)
        {
            return (port, maildir);
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        maildir = Path.Combine(Path.GetTempPath(), "collectif-maildir-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, folder)); // aiosmtpd's Maildir expects them
        }

        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir]))
            ?? throw new InvalidOperationException("Could not start aiosmtpd (apt-get install python3-aiosmtpd).");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Kill();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return (port, maildir);
            }
            catch (SocketException)
            {
                Thread.Yield();
            }
        }

        throw new InvalidOperationException("aiosmtpd did not start.");
    }
}
