using Collectif.Features.Organizations;

namespace Collectif.Features.Statements;

public enum StatementKind
{
    Communique = 0,
    OpenLetter = 1,
    CallToMobilize = 2,
    Petition = 3,
    PressRelease = 4,
}

public enum StatementStatus
{
    Draft = 0,
    Published = 1,
    Withdrawn = 2,
}

/// <summary>A joint text: communiqué, open letter, call to mobilize, petition or press release.</summary>
public class Statement
{
    public const int TitleMaxLength = 400;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public StatementKind Kind { get; set; }

    /// <summary>"fr" or "en".</summary>
    public string Language { get; set; } = "fr";

    public required string Title { get; set; }

    public string? Subtitle { get; set; }

    public StatementStatus Status { get; set; } = StatementStatus.Published;

    /// <summary>Number of the revision the fields above show; guards against two people saving over each other.</summary>
    public int CurrentRevision { get; set; }

    /// <summary>Markdown; rendered through Markdig then sanitized.</summary>
    public string Body { get; set; } = "";

    /// <summary>Short text for lists; when empty, lists cut the body.</summary>
    public string? Excerpt { get; set; }

    // Open letters: "Monsieur le Président…", "Paris, le 31 août 2025", "Objet : …".
    public string? Addressee { get; set; }
    public string? Place { get; set; }
    public DateOnly? LetterDate { get; set; }
    public string? Subject { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>When a published statement was withdrawn; its page then shows only a notice.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<StatementSignatory> Signatories { get; set; } = [];
    public List<StatementRevision> Revisions { get; set; } = [];
}

/// <summary>
/// A signatory listed on a statement, as imported from a legacy list: an organization of the
/// registry, or a person with role and organization as written.
/// </summary>
public class StatementSignatory
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string? PersonName { get; set; }
    public string? PersonRole { get; set; }
    public string? PersonOrganization { get; set; }

    /// <summary>Order in the published list.</summary>
    public int Position { get; set; }

    public DateTime AddedAt { get; set; }
}
