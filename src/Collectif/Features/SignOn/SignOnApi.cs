using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Features.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.SignOn;

/// <summary>POST /api/statements/{slug}/sign-on — a delegate's program answers for their organization, with the same rules as the answer page.</summary>
public static class SignOnApi
{
    public sealed record AnswerRequest(string? Organization, AnswerChoice? Answer, string? Comment);

    public sealed record AnswerRecorded(string Statement, string Organization, AnswerChoice Answer, int? LedgerEntry, string Ledger);

    public static void MapSignOnApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/statements/{slug}/sign-on", AnswerAsync)
            .WithTags("Sign-on")
            .WithSummary("Answer a sign-on for an organization: Sign, Decline or Abstain")
            .WithDescription("The token's account must be a delegate of the organization (or an administrator), and the organization invited. Signing binds the signature to the text's current revision and records it in the ledger.")
            .Accepts<AnswerRequest>("application/json")
            .RequireToken(ApiScopes.SignOn)
            .RequireRateLimiting(Web.RateLimits.ApiToken)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<AnswerRecorded>, ProblemHttpResult>> AnswerAsync(
        string slug, AnswerRequest request, CollectifDb db, SignOnService signOns, IAuthorizationService authorization, HttpContext context,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Organization) || request.Answer is not { } answer || !Enum.IsDefined(answer))
        {
            return ApiProblems.BadRequest("Incomplete answer", "Give organization (its slug) and answer: Sign, Decline or Abstain.");
        }

        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.Status != Statements.StatementStatus.Withdrawn, cancellationToken);
        var signOn = statement is null ? null : await db.SignOns.AsNoTracking().Include(s => s.Invitations).FirstOrDefaultAsync(s => s.StatementId == statement.Id, cancellationToken);
        if (statement is null || signOn is null)
        {
            return ApiProblems.NotFound("No sign-on", $"No statement with the slug '{slug}' is open for signatures.");
        }

        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == request.Organization, cancellationToken);
        if (organization is null || signOn.Invitations.All(i => i.OrganizationId != organization.Id))
        {
            return ApiProblems.NotFound("Organization not invited", $"'{request.Organization}' is not an organization invited to sign this statement.");
        }

        if (!(await authorization.AuthorizeAsync(context.User, organization, ActForOrganization.Policy)).Succeeded)
        {
            return ApiProblems.Forbidden("The token's account is not a delegate of this organization.");
        }

        var accountId = int.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : (int?)null;
        var outcome = await signOns.AnswerAsync(statement, signOn, organization.Id, accountId, answer, request.Comment, cancellationToken);
        if (!outcome.Done)
        {
            return ApiProblems.Conflict("Answer refused", localizer[outcome.Error!, outcome.Arguments ?? []].Value);
        }

        var entry = await db.StatementSignatories.Where(s => s.StatementId == statement.Id && s.OrganizationId == organization.Id && s.WithdrawnAt == null)
            .Select(s => s.LedgerSequence).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new AnswerRecorded(statement.Slug, organization.Slug, answer, answer == AnswerChoice.Sign ? entry : null, $"/statements/{statement.Slug}/ledger"));
    }
}
