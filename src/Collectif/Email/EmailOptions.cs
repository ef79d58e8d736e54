namespace Collectif.Email;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (the default for port 587).</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
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

    /// <summary>Public address of the site, for links in mails ("https://collectif.example.org").</summary>
    public string? PublicBaseUrl { get; set; }
}
