namespace Collectif.Email;

/// <summary>How a mail connection (SMTP or IMAP) is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (the default for port 587).</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

public static class SmtpSecurityExtensions
{
    public static MailKit.Security.SecureSocketOptions ToSocketOptions(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => MailKit.Security.SecureSocketOptions.None,
        SmtpSecurity.StartTls => MailKit.Security.SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
        _ => MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable,
    };
}

/// <summary>Settings of section <c>Collectif:Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Collectif:Email";

    /// <summary>SMTP server; when empty, mail stays in the outbox (shown to administrators) until one is configured.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "collectif@localhost";
    public string FromName { get; set; } = "Collectif";

    /// <summary>How often the worker looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the background sender in this process (an operator may dedicate one instance to it).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Messages sent per batch.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed batch stays reserved for the instance sending it. A message claimed by an
    /// instance that was killed waits this long before another run sends it; it must exceed the
    /// time one batch takes to send, or two instances could send the same message.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most messages sent per minute across all instances (0: no limit); many providers and receiving servers want a pace.</summary>
    public int MaxPerMinute { get; set; }

    /// <summary>Envelope sender for bounces, e.g. a mailbox the bounce reader watches; empty: the From address.</summary>
    public string? ReturnPath { get; set; }

    /// <summary>DKIM signing of outgoing mail (MimeKit); off unless all three are set.</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>Mailbox where bounces arrive, read over IMAP (MailKit); off unless a host is set.</summary>
    public BounceMailboxOptions Bounces { get; set; } = new();

    /// <summary>Public address of the site, for links in mails ("https://collectif.example.org").</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class DkimOptions
{
    /// <summary>The signing domain (d=), usually the From address's domain.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the DNS record is at <c>selector._domainkey.domain</c>.</summary>
    public string? Selector { get; set; }

    /// <summary>PEM file of the RSA private key; keep it outside the repository and readable by the service only.</summary>
    public string? PrivateKeyPath { get; set; }
}

public sealed class BounceMailboxOptions
{
    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string Folder { get; set; } = "INBOX";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}
