using Collectif.Data;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>A statement as lists show it: title, kind, date and a short excerpt.</summary>
public sealed record StatementSummary(string Slug, StatementKind Kind, string Language, string Title, string Excerpt, DateTime? PublishedAt);

/// <summary>A signatory as the statement page lists it.</summary>
public sealed record SignatoryLine(string? OrganizationSlug, string Name, string? Acronym, string? Role, string? PersonOrganization);

public static class StatementQueries
{
    /// <summary>Published statements, newest first, like the seed site's "Articles les plus récents".</summary>
    public static Task<IReadOnlyList<StatementSummary>> LatestAsync(this CollectifDb db, int count, CancellationToken cancellationToken) =>
        db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && s.Status == StatementStatus.Published).LatestAsync(count, cancellationToken);

    /// <summary>The given statements, newest first, as lists show them.</summary>
    public static async Task<IReadOnlyList<StatementSummary>> LatestAsync(this IQueryable<Statement> statements, int count, CancellationToken cancellationToken)
    {
        var rows = await statements
            .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .Take(count)
            .Select(s => new { s.Slug, s.Kind, s.Language, s.Title, s.Excerpt, s.Body, s.PublishedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new StatementSummary(s.Slug, s.Kind, s.Language, s.Title, s.Excerpt is { Length: > 0 } e ? Markdown.Excerpt(e) : Markdown.Excerpt(s.Body), s.PublishedAt)).ToList();
    }

    public static async Task<IReadOnlyList<SignatoryLine>> SignatoriesAsync(this CollectifDb db, int statementId, CancellationToken cancellationToken) =>
        await db.StatementSignatories.AsNoTracking()
            .Where(s => s.StatementId == statementId)
            .OrderBy(s => s.Position)
            .Select(s => s.Organization != null
                ? new SignatoryLine(s.Organization.Slug, s.Organization.Name, s.Organization.Acronym, null, null)
                : new SignatoryLine(null, s.PersonName ?? "", null, s.PersonRole, s.PersonOrganization))
            .ToListAsync(cancellationToken);
}

/// <summary>English labels (resource keys) of statement kinds.</summary>
public static class StatementLabels
{
    public static string Kind(StatementKind kind) => kind switch
    {
        StatementKind.Communique => "Communiqué",
        StatementKind.OpenLetter => "Open letter",
        StatementKind.CallToMobilize => "Call to mobilize",
        StatementKind.Petition => "Petition",
        StatementKind.PressRelease => "Press release",
        _ => "Statement",
    };

    public static string Status(StatementStatus status) => status switch
    {
        StatementStatus.Draft => "Draft",
        StatementStatus.Published => "Published",
        _ => "Withdrawn",
    };
}
