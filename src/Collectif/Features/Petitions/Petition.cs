using Collectif.Features.Organizations;
using Collectif.Features.Statements;

namespace Collectif.Features.Petitions;

/// <summary>Whether the form asks for an extra field, and whether the signer must fill it.</summary>
public enum FieldRule
{
    Hidden = 0,
    Optional = 1,
    Required = 2,
}

/// <summary>
/// The public-signature settings of a statement of kind petition or call to mobilize: goal, closing
/// date, which fields the form asks, the member organization signers may hear from, how long
/// personal data is kept, and the addressee's response once it comes.
/// </summary>
public class Petition
{
    public const int DefaultRetentionMonths = 6;

    public int Id { get; set; }
    public int StatementId { get; set; }
    public Statement? Statement { get; set; }

    /// <summary>The number the coalition aims for; milestones lead up to it.</summary>
    public int? Goal { get; set; }

    /// <summary>UTC; no signature is taken after it.</summary>
    public DateTime? ClosesAt { get; set; }

    public FieldRule Postcode { get; set; } = FieldRule.Optional;
    public FieldRule Country { get; set; } = FieldRule.Optional;
    public bool AllowComment { get; set; } = true;

    /// <summary>The member organization signers may also agree to hear from (a separate opt-in).</summary>
    public int? PartnerOrganizationId { get; set; }
    public Organization? PartnerOrganization { get; set; }

    /// <summary>Personal data is erased this many months after the petition closes; counts and the ledger stay.</summary>
    public int RetentionMonths { get; set; } = DefaultRetentionMonths;

    /// <summary>When the retention job erased the signers' personal data.</summary>
    public DateTime? PersonalDataErasedAt { get; set; }

    /// <summary>Under attack: the form asks the browser to solve a small proof-of-work puzzle first.</summary>
    public bool ProofOfWork { get; set; }

    /// <summary>Markdown: the addressee's answer, published on the page.</summary>
    public string? Response { get; set; }
    public string? ResponseFrom { get; set; }
    public DateOnly? ResponseDate { get; set; }

    public bool IsClosed(DateTime now) => ClosesAt is { } closes && closes <= now;
}

public enum SignatureStatus
{
    /// <summary>Waiting for the e-mail link; not counted.</summary>
    Pending = 0,

    Confirmed = 1,

    /// <summary>Accepted silently (block list, honeypot) and never counted or mailed.</summary>
    Blocked = 2,

    /// <summary>Removed from the count by the coalition, with a reason.</summary>
    Invalidated = 3,

    /// <summary>Taken back by the signer through the link of their receipt.</summary>
    Withdrawn = 4,

    /// <summary>Erased on the signer's request: personal data gone, not counted.</summary>
    Erased = 5,
}

/// <summary>
/// One person's signature. The e-mail is kept encrypted (data protection, keys in the database);
/// <see cref="EmailKey"/>, a keyed hash of the canonical address, finds duplicates and data
/// requests without decrypting. Personal fields become null when erased; the row stays so counts
/// and the ledger keep adding up.
/// </summary>
public class PetitionSignature
{
    public long Id { get; set; }
    public int StatementId { get; set; }

    public SignatureStatus Status { get; set; }

    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <summary>The address as typed, encrypted.</summary>
    public string? ProtectedEmail { get; set; }

    /// <summary>HMAC-SHA256 of the canonical address with the instance's secret, hex.</summary>
    public required string EmailKey { get; set; }

    /// <summary>Lower-case domain of the address: for rate limits, block lists and trends.</summary>
    public string? EmailDomain { get; set; }

    public string? Postcode { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; set; }

    /// <summary>French département derived from the postcode ("75", "2A", "971").</summary>
    public string? Departement { get; set; }

    public string? Comment { get; set; }

    /// <summary>The signer agreed to appear (first name and initial) among recent signatories.</summary>
    public bool Public { get; set; }

    /// <summary>"fr" or "en": the language of the page they signed on, used for their mails.</summary>
    public string Language { get; set; } = "fr";

    // Consent to hear more, each with the moment and the exact words shown (proof of consent).
    public DateTime? CoalitionOptInAt { get; set; }
    public string? CoalitionOptInWording { get; set; }
    public int? OrganizationOptInId { get; set; }
    public DateTime? OrganizationOptInAt { get; set; }
    public string? OrganizationOptInWording { get; set; }

    /// <summary>Fingerprint of the text shown when they signed.</summary>
    public required string RevisionHash { get; set; }

    /// <summary>The network the signature came from, coarsened (/24 or /64): enough for trends, not a full address.</summary>
    public string? NetworkPrefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>SHA-256 of the secret in the confirmation and receipt links; the secret itself is only in the mail.</summary>
    public required string TokenHash { get; set; }

    /// <summary>When the last confirmation mail was queued (resends are spaced).</summary>
    public DateTime ConfirmationSentAt { get; set; }

    /// <summary>The keyed commitment the ledger shows for this signer (<see cref="SignerKeys.CommitmentAsync"/>).</summary>
    public string? Commitment { get; set; }

    /// <summary>Number of the ledger entry that recorded the confirmation (the receipt).</summary>
    public int? LedgerSequence { get; set; }

    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }

    public bool Counts => Status == SignatureStatus.Confirmed;
}

/// <summary>Coalition-wide allow and block lists: a domain ("mailinator.com", "*.example") or an address range ("203.0.113.0/24", "198.51.100.*", "2001:db8::/32").</summary>
public class AbuseRule
{
    public int Id { get; set; }
    public AbuseRuleKind Kind { get; set; }
    public AbuseRuleList List { get; set; }
    public required string Pattern { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedByEmail { get; set; }
}

public enum AbuseRuleKind
{
    Domain = 0,
    Network = 1,
}

public enum AbuseRuleList
{
    Block = 0,
    Allow = 1,
}

/// <summary>A network or e-mail domain that signed a petition unusually often in a short time.</summary>
public class PetitionAlert
{
    public int Id { get; set; }
    public int StatementId { get; set; }

    /// <summary>"network" or "domain".</summary>
    public required string Kind { get; set; }

    public required string Value { get; set; }
    public int Count { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? DismissedAt { get; set; }
}
