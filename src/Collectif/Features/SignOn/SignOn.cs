using Collectif.Features.Organizations;

namespace Collectif.Features.SignOn;

public enum ConsentRule
{
    /// <summary>Only a "yes" counts.</summary>
    Explicit = 0,

    /// <summary>"Sauf avis contraire": invited members who have not objected by the deadline are counted, and marked as such.</summary>
    Silent = 1,
}

public enum AnswerChoice
{
    Sign = 0,
    Decline = 1,
    Abstain = 2,
}

/// <summary>
/// The collection of "yes, we sign" for one statement: which organizations are asked, until when,
/// under which consent rule. Answers bind to the revision the delegate read.
/// </summary>
public class SignOn
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public Statements.Statement? Statement { get; set; }

    /// <summary>The revision frozen when the sign-on opened.</summary>
    public int RevisionNumber { get; set; }

    public ConsentRule ConsentRule { get; set; }

    /// <summary>UTC; typed and shown in the coalition's time zone.</summary>
    public DateTime Deadline { get; set; }

    public DateTime OpenedAt { get; set; }
    public string? OpenedByEmail { get; set; }

    /// <summary>When the deadline was processed (silent consent counted); answers after it are late signatures once published.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>When the reminder before the deadline went out.</summary>
    public DateTime? RemindedAt { get; set; }

    public List<SignOnInvitation> Invitations { get; set; } = [];
}

/// <summary>An organization asked to sign: a member, or a partner outside the coalition.</summary>
public class SignOnInvitation
{
    public int Id { get; set; }
    public int SignOnId { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public bool IsPartner { get; set; }
    public DateTime InvitedAt { get; set; }
}

/// <summary>One answer of a delegate for an organization; the latest one counts, all are kept.</summary>
public class SignOnAnswer
{
    public const int CommentMaxLength = 2000;

    public int Id { get; set; }
    public int SignOnId { get; set; }
    public int OrganizationId { get; set; }
    public int? AccountId { get; set; }
    public AnswerChoice Choice { get; set; }
    public string? Comment { get; set; }
    public int RevisionNumber { get; set; }
    public required string ContentHash { get; set; }
    public DateTime AnsweredAt { get; set; }
}
