namespace Collectif.Features.Statements.Consultation;

public enum AmendmentStatus
{
    Proposed = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>
/// A member delegate's proposal during a consultation: replace a passage of one paragraph of the
/// revision they read with other words, for a reason. Editors accept it (a new revision) or reject it.
/// </summary>
public class Amendment
{
    public const int PassageMaxLength = 5000;
    public const int ReasonMaxLength = 2000;

    public int Id { get; set; }
    public int StatementId { get; set; }

    /// <summary>The revision the delegate read when proposing.</summary>
    public int RevisionNumber { get; set; }

    /// <summary>1-based paragraph of that revision's body.</summary>
    public int Paragraph { get; set; }

    /// <summary>The words to replace, exactly as in the paragraph.</summary>
    public required string Passage { get; set; }

    /// <summary>The words to put instead (empty to delete the passage).</summary>
    public string Replacement { get; set; } = "";

    public required string Reason { get; set; }
    public int AuthorId { get; set; }
    public required string AuthorEmail { get; set; }

    /// <summary>The organization the delegate speaks for.</summary>
    public int? OrganizationId { get; set; }

    public Organizations.Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }

    public AmendmentStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByEmail { get; set; }

    /// <summary>When accepted: the revision that carries it.</summary>
    public int? AcceptedInRevision { get; set; }
}

/// <summary>A delegate's remark on one paragraph of a revision under consultation.</summary>
public class StatementComment
{
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int StatementId { get; set; }
    public int RevisionNumber { get; set; }
    public int Paragraph { get; set; }
    public required string Text { get; set; }
    public int AuthorId { get; set; }
    public required string AuthorEmail { get; set; }
    public int? OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public DateTime CreatedAt { get; set; }
}
