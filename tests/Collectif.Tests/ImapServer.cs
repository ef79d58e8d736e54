using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Collectif.Tests;

/// <summary>
/// The real IMAP server bounce tests read from: the Dovecot that <c>./test</c> started, or, when
/// tests run alone, one started here by the same script. Any user name logs in with
/// <see cref="Password"/> and has a mailbox of its own: each test uses a fresh user name.
/// </summary>
public static class ImapServer
{
    public const string Password = "bounces-secret";

    private static readonly Lazy<int> Server = new(Start);

    public static int Port => Server.Value;

    private static int Start()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLLECTIF_TEST_IMAP_PORT"), out var port))
        {
            return port;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var directory = Path.Combine(Path.GetTempPath(), "collectif-imap-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(new ProcessStartInfo("/bin/bash", [Path.Combine(Repository.Root, "tests", "imap-server.sh"), directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            ?? throw new InvalidOperationException("Could not run tests/imap-server.sh (apt-get install dovecot-imapd).");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("Dovecot did not start (apt-get install dovecot-imapd).");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Process.Start("/usr/sbin/dovecot", ["-c", Path.Combine(directory, "dovecot.conf"), "stop"])?.WaitForExit();
        return port;
    }
}
