using Collectif.Features.Statements;

namespace Collectif.Features.Press;

public enum DistributionStatus
{
    /// <summary>Recipients and mails are written; the mails go out at <see cref="Distribution.SendAt"/>.</summary>
    Scheduled = 0,

    /// <summary>Stopped before sending: the mails not yet sent were cancelled.</summary>
    Cancelled = 1,
}

/// <summary>
/// One sending of a press release to lists and contacts at a time. Its mails are written to the
/// outbox in the same transaction as the distribution itself, one per recipient with an
/// idempotency key, so a crash or restart neither loses nor repeats one.
/// </summary>
public class Distribution
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public Statement? Statement { get; set; }

    /// <summary>The revision the mails carry: what journalists received, even if the text changes later.</summary>
    public int RevisionNumber { get; set; }

    /// <summary>When the mails go out (UTC).</summary>
    public DateTime SendAt { get; set; }

    /// <summary>"Not for publication before" (UTC), copied from the release's scheduled publication.</summary>
    public DateTime? EmbargoUntil { get; set; }

    public DistributionStatus Status { get; set; }

    /// <summary>Names of the lists chosen, as they were then (lists may be renamed or deleted later).</summary>
    public string ListNames { get; set; } = "";

    public int? CreatedByAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    public List<DistributionRecipient> Recipients { get; set; } = [];
}

public enum RecipientStatus
{
    /// <summary>In the outbox: waiting for its time, or being retried.</summary>
    Queued = 0,
    Sent = 1,

    /// <summary>The mail server refused it after every retry.</summary>
    Failed = 2,

    /// <summary>A bounce came back (bounce mailbox or marked by an officer).</summary>
    Bounced = 3,

    /// <summary>Unsubscribed before it was sent, or the distribution was cancelled.</summary>
    Cancelled = 4,
}

/// <summary>A contact a distribution writes to, with the language chosen and the mail's fate.</summary>
public class DistributionRecipient
{
    public int Id { get; set; }
    public int DistributionId { get; set; }
    public Distribution? Distribution { get; set; }
    public int? PressContactId { get; set; }
    public PressContact? PressContact { get; set; }

    /// <summary>Kept so the history still reads after the contact is erased.</summary>
    public required string Email { get; set; }

    public required string Name { get; set; }
    public string Language { get; set; } = "fr";

    /// <summary>The statement sent to this recipient: the release or its translation.</summary>
    public int StatementId { get; set; }

    public long? OutboxMessageId { get; set; }

    public Email.OutboxMessage? OutboxMessage { get; set; }

    /// <summary>Only Bounced and Cancelled are stored here; Queued, Sent and Failed are read from the outbox message.</summary>
    public RecipientStatus Status { get; set; }

    /// <summary>The bounce's reason, or who cancelled.</summary>
    public string? Detail { get; set; }
}
