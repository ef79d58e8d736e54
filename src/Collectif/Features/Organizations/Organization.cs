using Collectif.Text;

namespace Collectif.Features.Organizations;

public enum OrganizationKind
{
    Other = 0,
    Union = 1,
    Party = 2,
    Association = 3,
    StudentOrYouth = 4,
    Collective = 5,
    Faith = 6,
    Media = 7,
}

/// <summary>A member or supporter of the coalition: a union, party, association, collective…</summary>
public class Organization
{
    public const int NameMaxLength = 300;
    public const int AcronymMaxLength = 40;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    public OrganizationKind Kind { get; set; }
    public string? Website { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code, upper case ("FR").</summary>
    public string? Country { get; set; }

    public string? Description { get; set; }

    /// <summary>Name without leading article, normalized: what lists sort by.</summary>
    public string SortKey { get; set; } = "";

    /// <summary>Name, acronym and aliases, normalized: what search and import match against.</summary>
    public string SearchKey { get; set; } = "";

    /// <summary>When the organization proved who it is (see <see cref="VerificationMethod"/>); null while unverified.</summary>
    public DateTime? VerifiedAt { get; set; }

    public VerificationMethod? VerificationMethod { get; set; }

    /// <summary>The address that confirmed, the domain that carried the record, or the administrator's justification.</summary>
    public string? VerificationEvidence { get; set; }

    /// <summary>Set when this record was merged into another; its slug then redirects there.</summary>
    public int? MergedIntoId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<OrganizationAlias> Aliases { get; set; } = [];
    public List<OrganizationDomain> EmailDomains { get; set; } = [];
    public List<Membership> Memberships { get; set; } = [];

    /// <summary>Recomputes the derived keys; the DbContext calls it before every save.</summary>
    public void RefreshKeys()
    {
        SortKey = TextKey.Sort(Name);
        var parts = new List<string> { Name, Acronym ?? "" };
        parts.AddRange(Aliases.Select(a => a.Name));
        SearchKey = TextKey.Normalize(string.Join(" | ", parts.Where(p => p.Length > 0)));
    }

    public bool IsCurrentMember(DateOnly today) =>
        Memberships.Any(m => m.JoinedOn <= today && (m.LeftOn is null || m.LeftOn >= today));
}

public enum VerificationMethod
{
    /// <summary>A delegate confirmed a link sent to an address at one of the organization's domains.</summary>
    EmailDomain = 1,

    /// <summary>A TXT record with our value was found on the organization's domain.</summary>
    DnsRecord = 2,

    /// <summary>An administrator vouched for it, with a written justification.</summary>
    Administrator = 3,
}

/// <summary>Another name the organization is known by ("Attac" for "Association pour la Taxation…").</summary>
public class OrganizationAlias
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }

    /// <summary>Normalized name, for matching imports.</summary>
    public string Key { get; set; } = "";
}

/// <summary>An e-mail domain of the organization; verified ones let its delegates be recognized.</summary>
public class OrganizationDomain
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Domain { get; set; }
    public DateTime? VerifiedAt { get; set; }
}

/// <summary>A period during which the organization was a member of the coalition.</summary>
public class Membership
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? Note { get; set; }
}
