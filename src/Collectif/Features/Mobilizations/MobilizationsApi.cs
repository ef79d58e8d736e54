using Collectif.Data;
using Collectif.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Mobilizations;

/// <summary>GET /api/mobilizations (published, by first gathering's start) and GET /api/mobilizations/{slug} (gatherings, status history, turnout by source).</summary>
public static class MobilizationsApi
{
    public sealed record MobilizationItem(string Slug, MobilizationKind Kind, string Title, DateTime? StartsAt, IReadOnlyList<string> Cities, MobilizationStatus? Status, string Url);

    public sealed record Turnout(TurnoutSource Source, string? SourceName, int Low, int? High, DateTime? At, string? Link);

    public sealed record GatheringItem(int Id, string City, string? Place, string? Address, double? Latitude, double? Longitude, DateTime StartsAt, DateTime? EndsAt, string TimeZone, string? Route, MobilizationStatus Status, IReadOnlyList<Turnout> Turnout);

    public sealed record StatusItem(MobilizationStatus Status, DateTime At, string? City, string? Source, string? Authority, string? OrderReference, string? Reason, string? DocumentUrl);

    public sealed record OrganizationItem(string Slug, string Name, string? Acronym, bool Organizer);

    public sealed record MobilizationDocument(
        string Slug, MobilizationKind Kind, string Title, string Description, string? AccessibilityNotes, string? Contact, DateTime UpdatedAt,
        IReadOnlyList<GatheringItem> Gatherings, IReadOnlyList<StatusItem> History, IReadOnlyList<OrganizationItem> Organizations,
        IReadOnlyList<string> Statements, string Url, string Calendar);

    public static void MapMobilizationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/mobilizations").WithTags("Mobilizations");
        group.MapGet("/", ListAsync)
            .WithSummary("Published mobilizations, soonest first")
            .WithDescription("Filter by city (case and accents ignored), status of a gathering, and a period (from, to: ISO 8601 UTC) on the gatherings' start.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{slug}", GetAsync)
            .WithSummary("One mobilization: gatherings, status history, turnout by source, organizations")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ApiPage<MobilizationItem>>, ProblemHttpResult>> ListAsync(
        CollectifDb db, HttpContext context, string? city, string? status, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (ApiPaging.TryRead(page, pageSize, out var paging) is { } badPaging)
        {
            return badPaging;
        }

        if (!ApiProblems.TryParseName<MobilizationStatus>(status, out var statusFilter))
        {
            return ApiProblems.UnknownName<MobilizationStatus>("status");
        }

        if (city is { Length: > 200 })
        {
            return ApiProblems.BadRequest("Filter too long", "city is limited to 200 characters.");
        }

        // Gatherings are few per mobilization and mobilizations a few hundred a year: filter in memory after one query.
        var gatherings = await db.Gatherings.AsNoTracking()
            .Join(db.Mobilizations.Where(m => m.Published), g => g.MobilizationId, m => m.Id, (g, m) => new { m.Slug, m.Kind, m.Title, g.City, g.StartsAt, g.Status })
            .ToListAsync(cancellationToken);
        var cityKey = string.IsNullOrWhiteSpace(city) ? null : Text.TextKey.Normalize(city);
        var (start, end) = (ApiProblems.Utc(from), ApiProblems.Utc(to));
        var matching = gatherings
            .Where(g => (cityKey is null || Text.TextKey.Normalize(g.City) == cityKey) && (statusFilter is null || g.Status == statusFilter)
                && (start is null || g.StartsAt >= start) && (end is null || g.StartsAt < end))
            .GroupBy(g => g.Slug)
            .Select(m => new MobilizationItem(
                m.Key, m.First().Kind, m.First().Title, m.Min(g => g.StartsAt),
                m.OrderBy(g => g.StartsAt).Select(g => g.City).Distinct().ToList(),
                m.OrderBy(g => g.StartsAt).First().Status, $"/mobilizations/{m.Key}"))
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Slug, StringComparer.Ordinal)
            .ToList();
        paging.AddLinks(context, matching.Count);
        return TypedResults.Ok(new ApiPage<MobilizationItem>(matching.Skip(paging.Skip).Take(paging.PageSize).ToList(), matching.Count, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<MobilizationDocument>, ProblemHttpResult>> GetAsync(string slug, MobilizationService service, CancellationToken cancellationToken)
    {
        var mobilization = await service.LoadAsync(slug, tracked: false, cancellationToken);
        if (mobilization is not { Published: true })
        {
            return ApiProblems.NotFound("Mobilization not found", $"No published mobilization has the slug '{slug}'.");
        }

        return TypedResults.Ok(Document(mobilization));
    }

    public static MobilizationDocument Document(Mobilization m) => new(
        m.Slug, m.Kind, m.Title, m.Description, m.AccessibilityNotes, m.Contact, m.UpdatedAt,
        m.Gatherings.OrderBy(g => g.StartsAt).ThenBy(g => g.Id).Select(g => new GatheringItem(
            g.Id, g.City, g.PlaceName, g.Address, g.Latitude, g.Longitude, g.StartsAt, g.EndsAt, g.TimeZone, g.Route, g.Status,
            g.Turnout.OrderBy(t => t.SourceKind).ThenBy(t => t.Id).Select(t => new Turnout(t.SourceKind, t.SourceName, t.Low, t.High, t.At, t.Link)).ToList())).ToList(),
        m.StatusChanges.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new StatusItem(s.Status, s.At, s.Gathering?.City, s.Source, s.Authority, s.OrderReference, s.Reason, s.DocumentUrl)).ToList(),
        m.Organizations.Where(o => o.Organization is not null).OrderByDescending(o => o.Organizer).ThenBy(o => o.Organization!.SortKey, StringComparer.Ordinal)
            .Select(o => new OrganizationItem(o.Organization!.Slug, o.Organization.Name, o.Organization.Acronym, o.Organizer)).ToList(),
        m.Statements.Where(s => s.Statement is { PublishedAt: not null }).Select(s => s.Statement!.Slug).ToList(),
        $"/mobilizations/{m.Slug}", $"/mobilizations/{m.Slug}.ics");
}
