namespace Collectif.Email;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>Not to be sent any more (a cancelled distribution, a contact who unsubscribed).</summary>
    Cancelled = 3,
}

/// <summary>
/// Subject and bodies shared by many messages (a press release sent to a thousand journalists is
/// stored once). <see cref="OutboxMessage.UnsubscribePlaceholder"/> in a body becomes each
/// recipient's own unsubscribe link when it is sent.
/// </summary>
public class OutboxContent
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
}

/// <summary>
/// An e-mail waiting to be sent. It is written in the same transaction as the change that causes
/// it (an invitation, a distribution…), so an acknowledged action never loses its mail, and the
/// worker sends it later, retrying with backoff.
/// </summary>
public class OutboxMessage
{
    public const int MaxAttempts = 8;

    /// <summary>Confirmation links people are waiting for: sent before anything else.</summary>
    public const int Urgent = 0;

    public const int Normal = 5;

    /// <summary>Press distributions and other mass mail: after everything else.</summary>
    public const int Bulk = 9;

    public long Id { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>What caused it ("invitation:42"): lets features find their mail and show per-recipient status.</summary>
    public string? Reference { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Lower goes first (<see cref="Urgent"/>, <see cref="Normal"/>, <see cref="Bulk"/>).</summary>
    public int Priority { get; set; } = Normal;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the worker may try (again). Also used as a short lease while one instance sends it.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Shared subject and bodies; when set, <see cref="TextBody"/> and <see cref="HtmlBody"/> here are empty.</summary>
    public long? ContentId { get; set; }

    public OutboxContent? Content { get; set; }

    /// <summary>Unique per intended delivery ("press:12:345"): the same mail can never be queued twice.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Page where the recipient unsubscribes; the mail then carries List-Unsubscribe headers (RFC 2369, RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    public const string UnsubscribePlaceholder = "%%UNSUBSCRIBE_URL%%";

    public static OutboxMessage Create(string to, string subject, string text, DateTime now, string? html = null, string? toName = null, string? reference = null, int priority = Normal) => new()
    {
        ToAddress = to,
        ToName = toName,
        Subject = subject,
        TextBody = text,
        HtmlBody = html,
        Reference = reference,
        Priority = priority,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>1, 5, 15, 60 minutes, then 3, 6, 12 hours: a mail server down for the night still gets it.</summary>
    public static TimeSpan Backoff(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(15),
        4 => TimeSpan.FromHours(1),
        5 => TimeSpan.FromHours(3),
        6 => TimeSpan.FromHours(6),
        _ => TimeSpan.FromHours(12),
    };
}
