namespace Collectif.Features.Press;

/// <summary>Why the coalition may write to a journalist (GDPR art. 6): shown and kept with the contact.</summary>
public enum ConsentBasis
{
    /// <summary>A professional address the journalist publishes for press releases (legitimate interest).</summary>
    LegitimateInterest = 0,

    /// <summary>The journalist asked to receive the releases.</summary>
    Consent = 1,
}

/// <summary>A journalist or a newsroom desk the press officers write to.</summary>
public class PressContact
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }

    /// <summary>The address lower-cased: one contact per address, imports merge on it.</summary>
    public required string EmailKey { get; set; }

    public int? OutletId { get; set; }
    public MediaOutlet? Outlet { get; set; }

    /// <summary>"Journaliste police-justice", "Rédaction en chef"…</summary>
    public string? Role { get; set; }

    public string? Phone { get; set; }

    /// <summary>Languages the contact reads, first preferred ("fr,en"); picks the release's translation.</summary>
    public string Languages { get; set; } = "fr";

    /// <summary>Beats, comma-separated ("social, libertés publiques").</summary>
    public string? Topics { get; set; }

    public string? Notes { get; set; }
    public ConsentBasis ConsentBasis { get; set; }
    public DateOnly? ConsentDate { get; set; }

    /// <summary>Secret of the contact's unsubscribe links (one-click and page).</summary>
    public required string UnsubscribeToken { get; set; }

    /// <summary>Set when the contact unsubscribed: never sent to again.</summary>
    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>Set when a mail to the contact bounced for good: not sent to until an officer clears it.</summary>
    public DateTime? BouncedAt { get; set; }

    public string? BounceReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<PressListMember> Lists { get; set; } = [];

    public bool CanReceive => UnsubscribedAt is null && BouncedAt is null;

    public string PreferredLanguage => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "fr";
}

/// <summary>A newspaper, agency, radio or TV newsroom.</summary>
public class MediaOutlet
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name lower-cased without accents: imports find "Le Monde" and "le monde" as one outlet.</summary>
    public required string NameKey { get; set; }

    public string? Website { get; set; }
}

/// <summary>A named group of contacts a release is sent to ("Presse nationale", "Agences").</summary>
public class PressList
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<PressListMember> Members { get; set; } = [];
}

public class PressListMember
{
    public int PressListId { get; set; }
    public PressList? PressList { get; set; }
    public int PressContactId { get; set; }
    public PressContact? PressContact { get; set; }
}
