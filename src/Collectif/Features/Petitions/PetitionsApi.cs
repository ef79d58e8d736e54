using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Petitions;

/// <summary>
/// POST /api/petitions/{slug}/signatures — sign as the form does (double opt-in: the signature counts
/// once the mailed link is followed); GET the same address with an editor's token — the
/// confirmed signatures with the signers' details, as the CSV export gives them.
/// </summary>
public static class PetitionsApi
{
    /// <summary>What a signer gives; the same fields and rules as the form.</summary>
    public sealed record SignRequest(
        string? FirstName, string? LastName, string? Email, string? Postcode, string? Country, string? Comment,
        bool Public = false, bool CoalitionOptIn = false, bool OrganizationOptIn = false, string? Language = null);

    public sealed record SignAccepted(string Status, string Message);

    public sealed record SignatureItem(
        long Id, string? FirstName, string? LastName, string? Email, string? Postcode, string? Country, string? Comment, bool Public,
        DateTime? CoalitionOptInAt, DateTime? OrganizationOptInAt, string Language, DateTime CreatedAt, DateTime? ConfirmedAt);

    public static void MapPetitionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/petitions").WithTags("Petitions");
        group.MapPost("/{slug}/signatures", SignAsync)
            .WithSummary("Sign a petition: a confirmation link is mailed, the signature counts once it is followed")
            .WithDescription("No token needed, with the same limits as the form. With a token that has the 'petitions' scope, a petition that asks browsers for a puzzle takes the signature without it. The answer is the same whether or not the address already signed, so nobody learns who signed.")
            .Accepts<SignRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{slug}/signatures", ListAsync)
            .WithSummary("Confirmed signatures with the signers' details, oldest first")
            .RequireToken(ApiScopes.Petitions, AuthorizationPolicies.Editors)
            .RequireRateLimiting(RateLimits.ApiToken)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Accepted<SignAccepted>, ValidationProblem, ProblemHttpResult>> SignAsync(
        string slug, SignRequest request, CollectifDb db, HttpContext context, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await PetitionService.FindPublicAsync(db, slug, cancellationToken) is not var (statement, petition))
        {
            return ApiProblems.NotFound("Petition not found", $"No public petition has the slug '{slug}'.");
        }

        if (await SubmitAsync(statement, petition, request, context, cancellationToken) is { } refusal)
        {
            return refusal.Invalid is { } invalid ? invalid : refusal.Problem!;
        }

        return TypedResults.Accepted($"/statements/{statement.Slug}", new SignAccepted("confirmation-sent", Accepted(localizer)));
    }

    public static string Accepted(IStringLocalizer localizer) => localizer["We sent you an e-mail: your signature counts once you confirm it."].Value;

    /// <summary>Why a signature was refused: a general problem (closed, too many…) or field errors.</summary>
    public sealed record Refusal(ProblemHttpResult? Problem, ValidationProblem? Invalid);

    /// <summary>
    /// Signs as the form does, for this API and the OSDI helper: null when the confirmation mail is on
    /// its way (or the signature was silently dropped: the same answer), else why not, in the request's
    /// language. A token with the 'petitions' scope skips the puzzle.
    /// </summary>
    public static async Task<Refusal?> SubmitAsync(Statements.Statement statement, Petition petition, SignRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (request.Language is { Length: > 0 } wanted && !Languages.Supported.Contains(wanted))
        {
            return new(ApiProblems.BadRequest("Unknown language", "language must be fr or en."), null);
        }

        var trusted = ApiTokenAuthentication.BearerToken(context.Request) is not null
            && (await context.AuthenticateAsync(ApiTokenAuthentication.SchemeName)) is { Succeeded: true } token
            && token.Principal.HasClaim(ApiTokenAuthentication.ScopeClaim, ApiTokenAuthentication.ScopeName(ApiScopes.Petitions));
        var form = new SignForm(request.FirstName, request.LastName, request.Email, request.Postcode, request.Country, request.Comment,
            request.Public, request.CoalitionOptIn, request.OrganizationOptIn, Honeypot: null, ProofOfWork: null, Trusted: trusted);
        var result = await context.RequestServices.GetRequiredService<PetitionService>()
            .SignAsync(statement, petition, form, context.Connection.RemoteIpAddress, request.Language ?? Languages.Current, cancellationToken);
        if (result.Accepted)
        {
            return null;
        }

        if (result.TooMany || result.Errors.ContainsKey(""))
        {
            return new(TypedResults.Problem(
                statusCode: result.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest,
                title: result.TooMany ? "Too many signatures" : "Signature refused",
                detail: result.Errors.TryGetValue("", out var general) ? localizer[general].Value : null), null);
        }

        return new(null, TypedResults.ValidationProblem(
            result.Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { localizer[e.Value].Value }),
            title: localizer["Please correct the fields marked below."].Value));
    }

    private static async Task<Results<Ok<ApiPage<SignatureItem>>, ProblemHttpResult>> ListAsync(
        string slug, int? page, int? pageSize, CollectifDb db, SignerKeys keys, Audit.AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiPaging.TryRead(page, pageSize, out var paging, defaultSize: 100, maxSize: 1000) is { } badPaging)
        {
            return badPaging;
        }

        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null || await PetitionService.SettingsAsync(db, statement, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Petition not found", $"No petition has the slug '{slug}'.");
        }

        var confirmed = db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statement.Id && s.Status == SignatureStatus.Confirmed);
        var total = await confirmed.CountAsync(cancellationToken);
        var rows = await confirmed.OrderBy(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        audit.Record(Audit.AuditActions.SignaturesExported, $"statement:{statement.Slug}", $"API page {paging.Page}: {rows.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        paging.AddLinks(context, total);
        return TypedResults.Ok(new ApiPage<SignatureItem>(
            rows.Select(s => new SignatureItem(s.Id, s.FirstName, s.LastName, keys.Unprotect(s.ProtectedEmail), s.Postcode, s.Country, s.Comment, s.Public,
                s.CoalitionOptInAt, s.OrganizationOptInAt, s.Language, s.CreatedAt, s.ConfirmedAt)).ToList(),
            total, paging.Page, paging.PageSize));
    }
}
