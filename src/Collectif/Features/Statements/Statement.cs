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

    /// <summary>Waiting for <see cref="Statement.ScheduledAt"/>; the scheduler publishes it then (embargo).</summary>
    Scheduled = 3,

    /// <summary>A draft open to member delegates for comments and amendments until a deadline.</summary>
    Consultation = 4,

    /// <summary>Still readable at its address, but out of "most recent" and the feeds.</summary>
    Archived = 5,
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

    /// <summary>Fingerprint of that revision: signatures bound to another one are not listed until confirmed.</summary>
    public string? CurrentContentHash { get; set; }

    /// <summary>Markdown; rendered through Markdig then sanitized.</summary>
    public string Body { get; set; } = "";

    /// <summary>Short text for lists; when empty, lists cut the body.</summary>
    public string? Excerpt { get; set; }

    // Open letters: "Monsieur le Président…", "Paris, le 31 août 2025", "Objet : …".
    public string? Addressee { get; set; }
    public string? Place { get; set; }
    public DateOnly? LetterDate { get; set; }
    public string? Subject { get; set; }

    /// <summary>"Monsieur le Président," before the body of a letter.</summary>
    public string? Salutation { get; set; }

    // Press releases: "PARIS, FRANCE, 15 juin 2025 —", then the media contacts and "about" blocks.
    public string? DatelineCity { get; set; }
    public string? DatelineCountry { get; set; }

    /// <summary>Markdown: one or more press officers with e-mail and phone.</summary>
    public string? MediaContacts { get; set; }

    /// <summary>Markdown: "About the coalition" boilerplate.</summary>
    public string? About { get; set; }

    /// <summary>Who speaks ("par …"); null means the coalition itself, so the byline is never empty.</summary>
    public int? BylineOrganizationId { get; set; }

    public Organization? BylineOrganization { get; set; }

    /// <summary>MIME type of the lead image (bytes in <see cref="StatementImage"/>); null when none.</summary>
    public string? ImageContentType { get; set; }

    public DateTime? ImageUpdatedAt { get; set; }
    public string? ImageAlt { get; set; }
    public string? ImageCaption { get; set; }
    public string? ImageCredit { get; set; }

    public List<StatementTag> Tags { get; set; } = [];

    /// <summary>When this is a translation: the statement it translates.</summary>
    public int? TranslationOfId { get; set; }

    public Statement? TranslationOf { get; set; }

    /// <summary>The source's revision this translation was last brought up to date with; older than the source's current one means stale.</summary>
    public int? TranslatedFromRevision { get; set; }

    /// <summary>When a scheduled statement goes public (UTC): the embargo.</summary>
    public DateTime? ScheduledAt { get; set; }

    /// <summary>End of the consultation of member delegates (UTC).</summary>
    public DateTime? ConsultationDeadline { get; set; }

    /// <summary>No new comments or amendments; those already made stay visible.</summary>
    public bool AmendmentsFrozen { get; set; }

    public DateTime? ArchivedAt { get; set; }

    // Title and text lower-cased without accents (TextKey), refreshed on every save: what full-text
    // search indexes on both providers, so "egalite" finds "Égalité" the same way everywhere.
    public string SearchTitle { get; set; } = "";
    public string SearchText { get; set; } = "";

    public void RefreshSearchText()
    {
        SearchTitle = Collectif.Text.TextKey.Normalize(Title);
        SearchText = Collectif.Text.TextKey.Normalize(string.Join('\n', new[] { Subtitle, Addressee, Subject, Salutation, Body, About }.Where(t => !string.IsNullOrWhiteSpace(t))));
    }

    public DateTime? PublishedAt { get; set; }

    /// <summary>When a published statement was withdrawn; its page then shows only a notice.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<StatementSignatory> Signatories { get; set; } = [];
    public List<StatementRevision> Revisions { get; set; } = [];
}

public enum SignatureKind
{
    /// <summary>From a legacy list ("premiers signataires"): not bound to a revision.</summary>
    Imported = 0,

    /// <summary>A delegate said yes to the text during the sign-on.</summary>
    SignedOn = 1,

    /// <summary>Counted by silent consent ("sauf avis contraire"): no objection by the deadline.</summary>
    SilentConsent = 2,

    /// <summary>Signed after the statement was published.</summary>
    Late = 3,
}

/// <summary>
/// A signatory listed on a statement: an organization of the registry, or a person with role and
/// organization as written. Imported from a legacy list, or the outcome of a sign-on answer bound
/// to the exact text approved (<see cref="ContentHash"/>).
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

    public SignatureKind Kind { get; set; }

    /// <summary>The revision approved and its fingerprint; null for imported signatories.</summary>
    public int? RevisionNumber { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>The delegate who answered.</summary>
    public int? AccountId { get; set; }

    /// <summary>A withdrawn signature stays as a dated public notice.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }

    /// <summary>Receipt: the ledger entry that recorded the signature.</summary>
    public int? LedgerSequence { get; set; }
}

/// <summary>A subject label ("répression", "Gaza"); lists filter on its slug.</summary>
public class StatementTag
{
    public const int MaxLength = 60;

    public int Id { get; set; }
    public int StatementId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
}

/// <summary>The lead image's bytes, apart from the statement row that lists load.</summary>
public class StatementImage
{
    public int StatementId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A slug the statement had before: its address answers 301 to the current one.</summary>
public class StatementSlugRedirect
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int StatementId { get; set; }
}
