using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>Media contacts and distribution progress for press officers' programs (token with the 'press' scope).</summary>
public static class PressApi
{
    public sealed record ContactItem(
        int Id, string Name, string Email, string? Outlet, string? Role, string? Phone, string Languages, string? Topics,
        IReadOnlyList<string> Lists, bool Reachable, DateTime? UnsubscribedAt, DateTime? BouncedAt, DateTime UpdatedAt);

    public static void MapPressApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/press").WithTags("Press")
            .RequireToken(ApiScopes.Press, AuthorizationPolicies.Press)
            .RequireRateLimiting(RateLimits.ApiToken);
        group.MapGet("/contacts", ContactsAsync)
            .WithSummary("Media contacts, by name; filter by list id or words (name, address, outlet, beats)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/distributions/{id:int}", ProgressAsync)
            .WithSummary("How far a distribution is: queued, sent, failed, bounced, cancelled")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ApiPage<ContactItem>>, ProblemHttpResult>> ContactsAsync(
        CollectifDb db, HttpContext context, int? list, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (ApiPaging.TryRead(page, pageSize, out var paging, defaultSize: 100, maxSize: 1000) is { } badPaging)
        {
            return badPaging;
        }

        if (q is { Length: > 200 })
        {
            return ApiProblems.BadRequest("Search too long", "q is limited to 200 characters.");
        }

        var query = Editor.ContactsModel.Filter(db.PressContacts.AsNoTracking(), list, q);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new ContactItem(
                c.Id, c.Name, c.Email, c.Outlet != null ? c.Outlet.Name : null, c.Role, c.Phone, c.Languages, c.Topics,
                c.Lists.Select(m => m.PressList!.Name).ToList(), c.UnsubscribedAt == null && c.BouncedAt == null, c.UnsubscribedAt, c.BouncedAt, c.UpdatedAt))
            .ToListAsync(cancellationToken);
        paging.AddLinks(context, total);
        return TypedResults.Ok(new ApiPage<ContactItem>(rows, total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<DistributionProgress>, ProblemHttpResult>> ProgressAsync(int id, DistributionService distributions, CancellationToken cancellationToken) =>
        await distributions.ExistsAsync(id, cancellationToken)
            ? TypedResults.Ok(await distributions.ProgressAsync(id, cancellationToken))
            : ApiProblems.NotFound("Distribution not found", $"No distribution has the id {id}.");
}
