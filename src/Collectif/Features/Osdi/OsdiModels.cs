using System.Text.Json.Serialization;

namespace Collectif.Features.Osdi;

// The OSDI 1.x resources Collectif serves, with OSDI's snake_case names. Fields of our own carry
// the "collectif:" prefix, as OSDI asks of vendor extensions. Absent values are left out, not null.

/// <summary>A HAL link.</summary>
public sealed record HalLink(
    [property: JsonPropertyName("href")] string Href,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("templated")] bool? Templated = null,
    [property: JsonPropertyName("name")] string? Name = null);

/// <summary>GET /api/osdi/v1: the API entry point.</summary>
public sealed record OsdiEntryPoint(
    [property: JsonPropertyName("motd")] string Motd,
    [property: JsonPropertyName("vendor_name")] string VendorName,
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("osdi_version")] string OsdiVersion,
    [property: JsonPropertyName("max_pagesize")] int MaxPageSize,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links);

/// <summary>A page of a collection: the resources are embedded, and linked one by one.</summary>
public sealed record OsdiPage<T>(
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("total_records")] int TotalRecords,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links,
    [property: JsonPropertyName("_embedded")] IReadOnlyDictionary<string, IReadOnlyList<T>> Embedded);

public sealed record OsdiTarget([property: JsonPropertyName("name")] string Name);

/// <summary>A public statement that takes signatures (kind petition or call to mobilize).</summary>
public sealed record OsdiPetition(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("modified_date")] DateTime ModifiedDate,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("petition_text")] string PetitionText,
    [property: JsonPropertyName("browser_url")] string BrowserUrl,
    [property: JsonPropertyName("featured_image_url")] string? FeaturedImageUrl,
    [property: JsonPropertyName("total_signatures")] int TotalSignatures,
    [property: JsonPropertyName("target")] IReadOnlyList<OsdiTarget> Target,
    [property: JsonPropertyName("collectif:language")] string Language,
    [property: JsonPropertyName("collectif:goal")] int? Goal,
    [property: JsonPropertyName("collectif:closes_at")] DateTime? ClosesAt,
    [property: JsonPropertyName("collectif:open")] bool Open,
    [property: JsonPropertyName("collectif:revision_hash")] string? RevisionHash,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links);

public sealed record OsdiEmailAddress(
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("primary")] bool? Primary = null,
    [property: JsonPropertyName("status")] string? Status = null);

public sealed record OsdiPostalAddress(
    [property: JsonPropertyName("postal_code")] string? PostalCode,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("primary")] bool? Primary = null);

/// <summary>The signer, as far as Collectif keeps one: embedded in the signature, never a record of its own.</summary>
public sealed record OsdiPerson(
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("email_addresses")] IReadOnlyList<OsdiEmailAddress>? EmailAddresses,
    [property: JsonPropertyName("postal_addresses")] IReadOnlyList<OsdiPostalAddress>? PostalAddresses,
    [property: JsonPropertyName("languages_spoken")] IReadOnlyList<string>? LanguagesSpoken);

/// <summary>A confirmed signature on a petition.</summary>
public sealed record OsdiSignature(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("modified_date")] DateTime ModifiedDate,
    [property: JsonPropertyName("action_date")] DateTime ActionDate,
    [property: JsonPropertyName("comments")] string? Comments,
    [property: JsonPropertyName("collectif:public")] bool Public,
    [property: JsonPropertyName("collectif:coalition_opt_in_date")] DateTime? CoalitionOptInDate,
    [property: JsonPropertyName("collectif:organization_opt_in_date")] DateTime? OrganizationOptInDate,
    [property: JsonPropertyName("collectif:ledger_entry")] int? LedgerEntry,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links,
    [property: JsonPropertyName("_embedded")] IReadOnlyDictionary<string, OsdiPerson> Embedded);

/// <summary>
/// The record signature helper's body: the person inline, the comment, and Collectif's own
/// consent fields (an OSDI e-mail <c>status</c> is not taken as consent).
/// </summary>
public sealed record OsdiSignatureRequest(
    [property: JsonPropertyName("person")] OsdiPerson? Person,
    [property: JsonPropertyName("comments")] string? Comments,
    [property: JsonPropertyName("collectif:public")] bool Public = false,
    [property: JsonPropertyName("collectif:coalition_opt_in")] bool CoalitionOptIn = false,
    [property: JsonPropertyName("collectif:organization_opt_in")] bool OrganizationOptIn = false);

/// <summary>The helper's answer: a signature waits for the signer's e-mail confirmation, so it has no identifier yet.</summary>
public sealed record OsdiSignatureAccepted(
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("action_date")] DateTime ActionDate,
    [property: JsonPropertyName("collectif:status")] string Status,
    [property: JsonPropertyName("collectif:message")] string Message,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links);

public sealed record OsdiCoordinates(
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude);

public sealed record OsdiLocation(
    [property: JsonPropertyName("venue")] string? Venue,
    [property: JsonPropertyName("address_lines")] IReadOnlyList<string> AddressLines,
    [property: JsonPropertyName("locality")] string Locality,
    [property: JsonPropertyName("location")] OsdiCoordinates? Location);

public sealed record OsdiTurnout(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("source_name")] string? SourceName,
    [property: JsonPropertyName("low")] int Low,
    [property: JsonPropertyName("high")] int? High);

/// <summary>One gathering of a published mobilization (a rally in one city of a day of action).</summary>
public sealed record OsdiEvent(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("modified_date")] DateTime ModifiedDate,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("browser_url")] string BrowserUrl,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("start_date")] DateTime StartDate,
    [property: JsonPropertyName("end_date")] DateTime? EndDate,
    [property: JsonPropertyName("all_day")] bool AllDay,
    [property: JsonPropertyName("visibility")] string Visibility,
    [property: JsonPropertyName("transparence")] string Transparence,
    [property: JsonPropertyName("location")] OsdiLocation Location,
    [property: JsonPropertyName("collectif:status")] string CollectifStatus,
    [property: JsonPropertyName("collectif:kind")] string Kind,
    [property: JsonPropertyName("collectif:time_zone")] string TimeZone,
    [property: JsonPropertyName("collectif:route")] string? Route,
    [property: JsonPropertyName("collectif:turnout")] IReadOnlyList<OsdiTurnout> Turnout,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links);
