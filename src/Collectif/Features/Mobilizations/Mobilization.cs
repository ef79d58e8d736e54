using Collectif.Features.Organizations;

namespace Collectif.Features.Mobilizations;

public enum MobilizationKind
{
    Rally = 0,
    March = 1,
    Vigil = 2,
    Strike = 3,
    Meeting = 4,
    Other = 5,
}

/// <summary>Where a mobilization stands, as the public follows it: a ban, an appeal, a maintained rally…</summary>
public enum MobilizationStatus
{
    Announced = 0,
    Declared = 1,
    Banned = 2,
    Appealed = 3,
    BanSuspended = 4,
    Maintained = 5,
    Moved = 6,
    Postponed = 7,
    Cancelled = 8,
    Held = 9,
}

public enum TurnoutSource
{
    Organizers = 0,
    Police = 1,
    Media = 2,
    Other = 3,
}

/// <summary>A day of action or a single rally: one or several gatherings, a status history, turnout figures.</summary>
public class Mobilization
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public MobilizationKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown.</summary>
    public string Description { get; set; } = "";

    public string? AccessibilityNotes { get; set; }
    public string? Contact { get; set; }
    public bool Published { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>iCalendar SEQUENCE: raised on every change so calendar apps replace their copy.</summary>
    public int Sequence { get; set; }

    public List<Gathering> Gatherings { get; set; } = [];
    public List<StatusChange> StatusChanges { get; set; } = [];
    public List<MobilizationOrganization> Organizations { get; set; } = [];
    public List<MobilizationStatement> Statements { get; set; } = [];
}

/// <summary>One place and time: a rally in a city, or a march with its route.</summary>
public class Gathering
{
    public int Id { get; set; }
    public int MobilizationId { get; set; }
    public required string City { get; set; }
    public string? PlaceName { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>UTC; typed and shown in <see cref="TimeZone"/>.</summary>
    public DateTime StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    /// <summary>IANA zone of the place ("Europe/Paris", "America/Martinique").</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>For marches: start, stops and end, one per line.</summary>
    public string? Route { get; set; }

    public MobilizationStatus Status { get; set; }
    public List<TurnoutEstimate> Turnout { get; set; } = [];
}

/// <summary>One step of the timeline: who said what, when, with a source (and, for a ban, who ordered it and why).</summary>
public class StatusChange
{
    public int Id { get; set; }
    public int MobilizationId { get; set; }

    /// <summary>Null when it concerns every gathering.</summary>
    public int? GatheringId { get; set; }

    public Gathering? Gathering { get; set; }
    public MobilizationStatus Status { get; set; }
    public DateTime At { get; set; }
    public string? Source { get; set; }
    public string? Authority { get; set; }
    public string? OrderReference { get; set; }
    public string? Reason { get; set; }
    public string? DocumentUrl { get; set; }
}

/// <summary>A turnout figure and who gave it; the page shows them side by side, never a total.</summary>
public class TurnoutEstimate
{
    public int Id { get; set; }
    public int GatheringId { get; set; }
    public TurnoutSource SourceKind { get; set; }
    public string? SourceName { get; set; }
    public int Low { get; set; }

    /// <summary>Null for a single figure ("around 30,000").</summary>
    public int? High { get; set; }

    public DateTime? At { get; set; }
    public string? Link { get; set; }
}

public class MobilizationOrganization
{
    public int Id { get; set; }
    public int MobilizationId { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Organizer, else supporter.</summary>
    public bool Organizer { get; set; }
}

public class MobilizationStatement
{
    public int Id { get; set; }
    public int MobilizationId { get; set; }
    public int StatementId { get; set; }
    public Statements.Statement? Statement { get; set; }
}

/// <summary>
/// Someone who wants to hear when a mobilization's status changes. Only the e-mail address is
/// kept; it counts once confirmed through the mailed link, and the same token unsubscribes.
/// </summary>
public class MobilizationSubscription
{
    public int Id { get; set; }
    public int MobilizationId { get; set; }
    public required string Email { get; set; }

    /// <summary>SHA-256 of the token in the confirmation and unsubscribe links.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}
