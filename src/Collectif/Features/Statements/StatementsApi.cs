using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Features.Petitions;
using Collectif.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>
/// GET /api/statements (published, newest first, filtered), GET /api/statements/{slug} (the text
/// with its kind's fields) and GET /api/statements/{slug}/signatories (the list as the page shows
/// it, generated from the signatures).
/// </summary>
public static class StatementsApi
{
    public sealed record StatementItem(string Slug, StatementKind Kind, string Language, string Title, string? Subtitle, string Excerpt, DateTime? PublishedAt, StatementStatus Status, string Url);

    public sealed record Letter(string? Addressee, string? Place, DateOnly? Date, string? Subject, string? Salutation);

    public sealed record PressRelease(string? DatelineCity, string? DatelineCountry, string? Issuer, string? MediaContacts, string? About);

    public sealed record PetitionInfo(int Count, int? Goal, DateTime? ClosesAt, bool Open, string Sign);

    public sealed record Translation(string Slug, string Language, string Title);

    public sealed record StatementLinks(string Page, string Pdf, string Signatories, string Ledger);

    public sealed record StatementDocument(
        string Slug, StatementKind Kind, string Language, string Title, string? Subtitle, StatementStatus Status,
        int Revision, string? ContentHash, string Body, string Html, string Excerpt, DateTime? PublishedAt,
        DateTime? WithdrawnAt, string? WithdrawalReason, IReadOnlyList<string> Tags, IReadOnlyList<Translation> Translations,
        Letter? Letter, PressRelease? PressRelease, PetitionInfo? Petition, StatementLinks Links);

    public static void MapStatementsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/statements").WithTags("Statements");
        group.MapGet("/", ListAsync)
            .WithSummary("Published statements, newest first")
            .WithDescription("Filter by kind, language, tag slug, signatory organization slug, or publication time (since, ISO 8601 UTC).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{slug}", GetAsync)
            .WithSummary("One statement: its current text (Markdown and HTML) and its kind's fields")
            .WithDescription("Public statements for everyone; drafts too with a token that has the 'read' scope, when its account reads drafts on the site.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{slug}/signatories", SignatoriesAsync)
            .WithSummary("The signatory list, as the page, PDF and feed show it")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ApiPage<StatementItem>>, ProblemHttpResult>> ListAsync(
        CollectifDb db, HttpContext context, string? kind, string? language, string? tag, string? organization, DateTime? since, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (ApiPaging.TryRead(page, pageSize, out var paging) is { } badPaging)
        {
            return badPaging;
        }

        if (!ApiProblems.TryParseName<StatementKind>(kind, out var kindFilter))
        {
            return ApiProblems.UnknownName<StatementKind>("kind");
        }

        if (language is { Length: > 0 } && !Languages.Supported.Contains(language))
        {
            return ApiProblems.BadRequest("Unknown language", $"language must be one of: {string.Join(", ", Languages.Supported)}.");
        }

        if (tag is { Length: > StatementTag.MaxLength } || organization is { Length: > 200 })
        {
            return ApiProblems.BadRequest("Filter too long", "tag and organization are slugs of at most 60 and 200 characters.");
        }

        var query = db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status));
        if (kindFilter is { } k)
        {
            query = query.Where(s => s.Kind == k);
        }

        if (language is { Length: > 0 })
        {
            query = query.Where(s => s.Language == language);
        }

        if (tag is { Length: > 0 })
        {
            query = query.Where(s => s.Tags.Any(t => t.Slug == tag));
        }

        if (organization is { Length: > 0 })
        {
            query = query.Where(s => s.Signatories.Any(sig => sig.Organization != null && sig.Organization.Slug == organization && sig.WithdrawnAt == null));
        }

        if (ApiProblems.Utc(since) is { } from)
        {
            query = query.Where(s => s.PublishedAt >= from);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(s => new { s.Slug, s.Kind, s.Language, s.Title, s.Subtitle, s.Excerpt, s.Body, s.PublishedAt, s.Status })
            .ToListAsync(cancellationToken);
        paging.AddLinks(context, total);
        var items = rows.Select(s => new StatementItem(
            s.Slug, s.Kind, s.Language, s.Title, s.Subtitle, s.Excerpt is { Length: > 0 } e ? Markdown.Excerpt(e) : Markdown.Excerpt(s.Body),
            s.PublishedAt, s.Status, $"/statements/{s.Slug}")).ToList();
        return TypedResults.Ok(new ApiPage<StatementItem>(items, total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<StatementDocument>, ProblemHttpResult>> GetAsync(
        string slug, CollectifDb db, PetitionStats stats, TimeProvider clock, HttpContext context, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().Include(s => s.Tags).Include(s => s.BylineOrganization)
            .FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        var isPublic = statement is { PublishedAt: not null } && StatementQueries.Readable.Contains(statement.Status);
        if (statement is null || (!isPublic && !await MayReadDraftsAsync(context, authorization)))
        {
            return NotFound(slug);
        }

        return TypedResults.Ok(await DocumentAsync(db, stats, clock, statement, cancellationToken));
    }

    /// <summary>A token with the 'read' scope whose account reads drafts on the site (editors, observers, administrators) reads them here.</summary>
    private static async Task<bool> MayReadDraftsAsync(HttpContext context, IAuthorizationService authorization)
    {
        if (ApiTokenAuthentication.BearerToken(context.Request) is null
            || await context.AuthenticateAsync(ApiTokenAuthentication.SchemeName) is not { Succeeded: true, Principal: { } user }
            || !user.HasClaim(ApiTokenAuthentication.ScopeClaim, ApiTokenAuthentication.ScopeName(ApiScopes.Read)))
        {
            return false;
        }

        return (await authorization.AuthorizeAsync(user, AuthorizationPolicies.ReadDrafts)).Succeeded;
    }

    /// <summary>The statement as the API shows it, for its public address and for an editor's token reading a draft.</summary>
    public static async Task<StatementDocument> DocumentAsync(CollectifDb db, PetitionStats stats, TimeProvider clock, Statement statement, CancellationToken cancellationToken)
    {
        var translations = await db.TranslationsAsync(statement, publicOnly: statement.PublishedAt is not null, cancellationToken);
        PetitionInfo? petition = null;
        if (await PetitionService.SettingsAsync(db, statement, cancellationToken) is { } settings && statement.PublishedAt is not null)
        {
            var figures = await stats.GetAsync(statement.Id);
            var open = PetitionService.AcceptsSignatures(statement) && !settings.IsClosed(clock.GetUtcNow().UtcDateTime);
            petition = new PetitionInfo(figures.Count, settings.Goal, settings.ClosesAt, open, $"/api/petitions/{statement.Slug}/signatures");
        }

        var letter = statement.Kind == StatementKind.OpenLetter || statement.Addressee is not null || statement.Subject is not null
            ? new Letter(statement.Addressee, statement.Place, statement.LetterDate, statement.Subject, statement.Salutation)
            : null;
        var press = statement.Kind == StatementKind.PressRelease
            ? new PressRelease(statement.DatelineCity, statement.DatelineCountry, statement.BylineOrganization?.Name, statement.MediaContacts, statement.About)
            : null;
        return new StatementDocument(
            statement.Slug, statement.Kind, statement.Language, statement.Title, statement.Subtitle, statement.Status,
            statement.CurrentRevision, statement.CurrentContentHash, statement.Body, Markdown.ToHtml(statement.Body, statement.Language).ToString() ?? "",
            statement.Excerpt is { Length: > 0 } e ? Markdown.Excerpt(e) : Markdown.Excerpt(statement.Body), statement.PublishedAt,
            statement.WithdrawnAt, statement.WithdrawalReason, statement.Tags.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Slug).ToList(),
            translations.Select(t => new Translation(t.Slug, t.Language, t.Title)).ToList(),
            letter, press, petition,
            new StatementLinks($"/statements/{statement.Slug}", $"/statements/{statement.Slug}.pdf", $"/api/statements/{statement.Slug}/signatories", $"/statements/{statement.Slug}/ledger"));
    }

    private static ProblemHttpResult NotFound(string slug) => ApiProblems.NotFound("Statement not found", $"No public statement has the slug '{slug}'.");

    public sealed record Signatory(string Name, string? Acronym, string? Organization, string? Role, string Kind, string? OrganizationKind, DateTime? SignedAt, string Line);

    public sealed record Withdrawal(string Name, DateTime WithdrawnAt, string? Reason);

    public sealed record SignatoryList(string Statement, int Count, IReadOnlyList<Signatory> Signatories, IReadOnlyList<Withdrawal> Withdrawals, string Ledger);

    private static async Task<Results<Ok<SignatoryList>, ProblemHttpResult>> SignatoriesAsync(string slug, CollectifDb db, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status), cancellationToken);
        if (statement is null)
        {
            return NotFound(slug);
        }

        var lines = await db.SignatoriesAsync(statement.Id, cancellationToken);
        var withdrawals = await db.WithdrawalsAsync(statement.Id, cancellationToken);
        return TypedResults.Ok(new SignatoryList(
            statement.Slug,
            lines.Count,
            lines.Select(l => new Signatory(
                l.Name, l.Acronym, l.OrganizationSlug, l.Role, l.Kind.ToString(), l.OrganizationKind?.ToString(),
                l.Kind == SignatureKind.Imported ? null : l.AddedAt, SignatoryFormat.Line(l))).ToList(),
            withdrawals.Select(w => new Withdrawal(w.Name, w.WithdrawnAt, w.Reason)).ToList(),
            $"/statements/{statement.Slug}/ledger"));
    }
}
