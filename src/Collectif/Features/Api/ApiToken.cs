using Collectif.Features.Accounts;

namespace Collectif.Features.Api;

/// <summary>What a token may do. Each scope also needs the role the same action needs on the site.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Read what the account may read on the site (drafts for editors and observers, its own account).</summary>
    Read = 1,

    /// <summary>Answer a sign-on for an organization the account is a delegate of.</summary>
    SignOn = 2,

    /// <summary>Read a petition's signatures (editors) and sign petitions without the browser puzzle.</summary>
    Petitions = 4,

    /// <summary>Media contacts (press officers).</summary>
    Press = 8,
}

/// <summary>
/// A personal API token: shown once at creation, stored as its SHA-256 (the token is 32 random
/// bytes, so a plain hash is as strong as a slow one), revocable, with its last use.
/// </summary>
public class ApiToken
{
    public const string Prefix = "clf_";
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public int AccountId { get; set; }
    public Account? Account { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the token, to tell tokens apart on the account page.</summary>
    public required string Hint { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    public ApiScopes Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
