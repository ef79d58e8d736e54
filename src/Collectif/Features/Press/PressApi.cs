using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press;

/// <summary>Media contacts (read, create, update, erase) and distribution progress for press officers' programs (token with the 'press' scope).</summary>
public static class PressApi
{
    public sealed record ContactItem(
        int Id, string Name, string Email, string? Outlet, string? Role, string? Phone, string Languages, string? Topics,
        IReadOnlyList<string> Lists, bool Reachable, DateTime? UnsubscribedAt, DateTime? BouncedAt, DateTime UpdatedAt,
        IReadOnlyList<int> ListIds, ConsentBasis ConsentBasis, DateOnly? ConsentDate, string? Notes);

    /// <summary>A whole contact, as the contact page takes it: PUT replaces every field (absent ones are emptied).</summary>
    public sealed record ContactRequest(
        string? Name, string? Email, string? Outlet, string? Role, string? Phone, string? Topics, string? Notes,
        IReadOnlyList<int>? ListIds, DateOnly? ConsentDate, string Languages = "fr", ConsentBasis ConsentBasis = ConsentBasis.LegitimateInterest);

    public static void MapPressApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/press").WithTags("Press")
            .RequireToken(ApiScopes.Press, AuthorizationPolicies.Press)
            .RequireRateLimiting(RateLimits.ApiToken);
        group.MapGet("/contacts", ContactsAsync)
            .WithSummary("Media contacts, by name; filter by list id or words (name, address, outlet, beats)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/contacts/{id:int}", ContactAsync)
            .WithSummary("One media contact")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/contacts", CreateAsync)
            .WithSummary("Add a media contact, with the rules of the contact page (one contact per address)")
            .ProducesValidationProblem();
        group.MapPut("/contacts/{id:int}", UpdateAsync)
            .WithSummary("Replace a media contact's details and lists")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/contacts/{id:int}", EraseAsync)
            .WithSummary("Erase a media contact: queued mail to them is cancelled and the sending history keeps no name or address")
            .ProducesProblem(StatusCodes.Status404NotFound);
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
            .Select(Item)
            .ToListAsync(cancellationToken);
        paging.AddLinks(context, total);
        return TypedResults.Ok(new ApiPage<ContactItem>(rows, total, paging.Page, paging.PageSize));
    }

    private static readonly System.Linq.Expressions.Expression<Func<PressContact, ContactItem>> Item = c => new ContactItem(
        c.Id, c.Name, c.Email, c.Outlet != null ? c.Outlet.Name : null, c.Role, c.Phone, c.Languages, c.Topics,
        c.Lists.Select(m => m.PressList!.Name).ToList(), c.UnsubscribedAt == null && c.BouncedAt == null, c.UnsubscribedAt, c.BouncedAt, c.UpdatedAt,
        c.Lists.Select(m => m.PressListId).ToList(), c.ConsentBasis, c.ConsentDate, c.Notes);

    private static Task<ContactItem?> FindAsync(CollectifDb db, int id, CancellationToken cancellationToken) =>
        db.PressContacts.AsNoTracking().Where(c => c.Id == id).Select(Item).FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult ContactNotFound(int id) => ApiProblems.NotFound("Contact not found", $"No media contact has the id {id}.");

    private static async Task<Results<Ok<ContactItem>, ProblemHttpResult>> ContactAsync(int id, CollectifDb db, CancellationToken cancellationToken) =>
        await FindAsync(db, id, cancellationToken) is { } contact ? TypedResults.Ok(contact) : ContactNotFound(id);

    private static async Task<Results<Created<ContactItem>, ValidationProblem>> CreateAsync(
        ContactRequest request, ContactEditor editor, CollectifDb db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var outcome = await editor.SaveAsync(null, Input(request), cancellationToken);
        return outcome.Saved
            ? TypedResults.Created($"/api/press/contacts/{outcome.Contact!.Id}", await FindAsync(db, outcome.Contact.Id, cancellationToken))
            : Invalid(outcome, localizer);
    }

    private static async Task<Results<Ok<ContactItem>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, ContactRequest request, ContactEditor editor, CollectifDb db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (!await db.PressContacts.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ContactNotFound(id);
        }

        var outcome = await editor.SaveAsync(id, Input(request), cancellationToken);
        return outcome.Saved ? TypedResults.Ok((await FindAsync(db, id, cancellationToken))!) : Invalid(outcome, localizer);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(int id, ContactEditor editor, CancellationToken cancellationToken) =>
        await editor.EraseAsync(id, cancellationToken) ? TypedResults.NoContent() : ContactNotFound(id);

    private static ContactInput Input(ContactRequest r) =>
        new(r.Name, r.Email, r.Outlet, r.Role, r.Phone, r.Languages, r.Topics, r.Notes, r.ConsentBasis, r.ConsentDate, r.ListIds);

    /// <summary>The contact page's messages, in the request's language, keyed by the JSON names.</summary>
    private static ValidationProblem Invalid(ContactEditor.Outcome outcome, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(
            outcome.Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { localizer[e.Value].Value }),
            title: localizer["Please correct the fields marked below."].Value);

    private static async Task<Results<Ok<DistributionProgress>, ProblemHttpResult>> ProgressAsync(int id, DistributionService distributions, CancellationToken cancellationToken) =>
        await distributions.ExistsAsync(id, cancellationToken)
            ? TypedResults.Ok(await distributions.ProgressAsync(id, cancellationToken))
            : ApiProblems.NotFound("Distribution not found", $"No distribution has the id {id}.");
}
