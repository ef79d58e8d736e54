using Collectif.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

/// <summary>GET /api/organizations and GET /api/organizations/{slug}.</summary>
public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organizations").WithTags("Organizations");
        group.MapGet("/", ListAsync);
        group.MapGet("/{slug}", GetAsync);
    }

    public sealed record OrganizationPage(IReadOnlyList<OrganizationSummary> Items, int Total, int Page, int PageSize);

    private static async Task<Results<Ok<OrganizationPage>, ProblemHttpResult>> ListAsync(
        CollectifDb db, string? q, string? kind, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        OrganizationKind? kindFilter = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (!Enum.TryParse<OrganizationKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(kind, out _))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown kind",
                    detail: $"kind must be one of: {string.Join(", ", Enum.GetNames<OrganizationKind>())}.");
            }

            kindFilter = parsed;
        }

        if (q is { Length: > OrganizationQueries.MaxSearchLength })
        {
            return TypedResults.Problem(statusCode: 400, title: "Search too long", detail: $"q is limited to {OrganizationQueries.MaxSearchLength} characters.");
        }

        var size = pageSize ?? 100;
        var number = page ?? 1;
        if (size is < 1 or > 500 || number < 1)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid paging", detail: "page starts at 1; pageSize is between 1 and 500.");
        }

        var query = db.Organizations.AsNoTracking().Search(q, kindFilter);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).AsSummary().ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganizationPage(items, total, number, size));
    }

    private static async Task<Results<Ok<OrganizationDetails>, RedirectHttpResult, ProblemHttpResult>> GetAsync(CollectifDb db, string slug, CancellationToken cancellationToken)
    {
        var details = await db.FindDetailsAsync(slug, cancellationToken);
        if (details is not null)
        {
            return TypedResults.Ok(details);
        }

        var target = await db.FindMergedTargetSlugAsync(slug, cancellationToken);
        return target is not null
            ? TypedResults.Redirect($"/api/organizations/{target}", permanent: true)
            : TypedResults.Problem(statusCode: 404, title: "Organization not found", detail: $"No organization has the slug '{slug}'.");
    }
}
