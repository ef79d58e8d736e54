using Microsoft.AspNetCore.Identity;

namespace Collectif.Features.Accounts;

/// <summary>A person who can sign in (ASP.NET Core Identity user; the user name is the e-mail address).</summary>
public class Account : IdentityUser<int>
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The coalition-wide roles. Acting for an organization is a <see cref="Delegation"/>, not a role.</summary>
public static class Roles
{
    /// <summary>Secretariat: everything, including accounts and settings.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Drafts and publishes statements; cannot change accounts.</summary>
    public const string Editor = "Editor";

    /// <summary>Keeps media contacts and sends press releases.</summary>
    public const string PressOfficer = "PressOfficer";

    /// <summary>Reads drafts only.</summary>
    public const string Observer = "Observer";

    public static readonly string[] All = [Administrator, Editor, PressOfficer, Observer];
}

/// <summary>The person may act (sign, comment) for the organization. A person may represent several.</summary>
public class Delegation
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public DateTime GrantedAt { get; set; }
}

/// <summary>
/// A single-use invitation to create an account, sent by e-mail. Only the SHA-256 of its token is
/// stored, so a leaked database gives no usable link.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>Roles given on acceptance, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Organizations the person will represent, comma-separated ids.</summary>
    public string OrganizationIds { get; set; } = "";

    public int? InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public int? AccountId { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<int> OrganizationIdList =>
        OrganizationIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
