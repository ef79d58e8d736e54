using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>A statement as lists show it: title, kind, date and a short excerpt; <c>TextId</c> is shared by a text and its translations.</summary>
public sealed record StatementSummary(string Slug, StatementKind Kind, string Language, string Title, string Excerpt, DateTime? PublishedAt, string? Byline = null, int Id = 0, int TextId = 0);

/// <summary>A signatory as the statement page lists it.</summary>
public sealed record SignatoryLine(
    string? OrganizationSlug, string Name, string? Acronym, string? Role, string? PersonOrganization,
    SignatureKind Kind = SignatureKind.Imported, DateTime? AddedAt = null, Organizations.OrganizationKind? OrganizationKind = null);

/// <summary>A signature taken back after publication: the page keeps it as a dated notice.</summary>
public sealed record WithdrawalLine(string Name, DateTime WithdrawnAt, string? Reason);

public static class StatementQueries
{
    /// <summary>Statuses whose page anyone may open (a withdrawn one shows only its notice).</summary>
    public static readonly StatementStatus[] Readable = [StatementStatus.Published, StatementStatus.Archived, StatementStatus.Withdrawn];

    /// <summary>Statuses listed publicly (statement list, search, organization pages).</summary>
    public static readonly StatementStatus[] Listed = [StatementStatus.Published, StatementStatus.Archived];

    /// <summary>A 301 to the statement's current address when <paramref name="slug"/> is one it had before.</summary>
    public static async Task<IActionResult?> RedirectFromOldSlugAsync(CollectifDb db, string slug, string suffix, CancellationToken cancellationToken)
    {
        var current = await db.StatementSlugRedirects.AsNoTracking().Where(r => r.Slug == slug)
            .Join(db.Statements, r => r.StatementId, s => s.Id, (r, s) => s.Slug)
            .FirstOrDefaultAsync(cancellationToken);
        return current is null ? null : new RedirectResult($"/statements/{current}{suffix}", permanent: true);
    }

    /// <summary>The other language versions of a statement: its original and the original's other translations, or its own translations.</summary>
    public static async Task<IReadOnlyList<TranslationLink>> TranslationsAsync(this CollectifDb db, Statement statement, bool publicOnly, CancellationToken cancellationToken)
    {
        var root = statement.TranslationOfId ?? statement.Id;
        var query = db.Statements.AsNoTracking().Where(s => s.Id != statement.Id && (s.Id == root || s.TranslationOfId == root));
        if (publicOnly)
        {
            query = query.Where(s => s.PublishedAt != null && Listed.Contains(s.Status));
        }

        return await query.OrderBy(s => s.Language).Select(s => new TranslationLink(s.Slug, s.Language, s.Title)).ToListAsync(cancellationToken);
    }

    /// <summary>Published statements, newest first, like the seed site's "Articles les plus récents".</summary>
    public static Task<IReadOnlyList<StatementSummary>> LatestAsync(this CollectifDb db, int count, CancellationToken cancellationToken) =>
        db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && s.Status == StatementStatus.Published).LatestAsync(count, cancellationToken);

    /// <summary>The given statements, newest first, as lists show them.</summary>
    public static Task<IReadOnlyList<StatementSummary>> LatestAsync(this IQueryable<Statement> statements, int count, CancellationToken cancellationToken) =>
        statements.LatestAsync(0, count, cancellationToken);

    /// <summary>A page of the given statements, newest first: <paramref name="count"/> after the first <paramref name="skip"/>.</summary>
    public static async Task<IReadOnlyList<StatementSummary>> LatestAsync(this IQueryable<Statement> statements, int skip, int count, CancellationToken cancellationToken)
    {
        var rows = await statements
            .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .Skip(skip).Take(count)
            .Select(s => new { s.Slug, s.Kind, s.Language, s.Title, s.Excerpt, s.Body, s.PublishedAt, Byline = s.BylineOrganization != null ? s.BylineOrganization.Name : null, s.Id, TextId = s.TranslationOfId ?? s.Id })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new StatementSummary(s.Slug, s.Kind, s.Language, s.Title, s.Excerpt is { Length: > 0 } e ? Markdown.Excerpt(e) : Markdown.Excerpt(s.Body), s.PublishedAt, s.Byline, s.Id, s.TextId)).ToList();
    }

    /// <summary>
    /// The signatories a statement lists: imported ones, and those whose signature is bound to its
    /// current text (signers of an older revision reappear once they confirm), not withdrawn;
    /// sorted by name ignoring leading articles, as the seed's list is.
    /// </summary>
    public static async Task<IReadOnlyList<SignatoryLine>> SignatoriesAsync(this CollectifDb db, int statementId, CancellationToken cancellationToken)
    {
        var current = await db.Statements.Where(s => s.Id == statementId).Select(s => s.CurrentContentHash).FirstOrDefaultAsync(cancellationToken);
        var lines = await db.StatementSignatories.AsNoTracking()
            .Where(s => s.StatementId == statementId && s.WithdrawnAt == null && (s.ContentHash == null || s.ContentHash == current))
            .Select(s => s.Organization != null
                ? new SignatoryLine(s.Organization.Slug, s.Organization.Name, s.Organization.Acronym, null, null, s.Kind, s.AddedAt, s.Organization.Kind)
                : new SignatoryLine(null, s.PersonName ?? "", null, s.PersonRole, s.PersonOrganization, s.Kind, s.AddedAt, null))
            .ToListAsync(cancellationToken);
        return lines.OrderBy(l => Text.TextKey.Sort(l.Name), StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
    }

    public static async Task<IReadOnlyList<WithdrawalLine>> WithdrawalsAsync(this CollectifDb db, int statementId, CancellationToken cancellationToken) =>
        await db.StatementSignatories.AsNoTracking()
            .Where(s => s.StatementId == statementId && s.WithdrawnAt != null)
            .OrderBy(s => s.WithdrawnAt)
            .Select(s => new WithdrawalLine(s.Organization != null ? s.Organization.Name : s.PersonName ?? "", s.WithdrawnAt!.Value, s.WithdrawalReason))
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
        StatementStatus.Scheduled => "Scheduled",
        StatementStatus.Consultation => "In consultation",
        StatementStatus.Archived => "Archived",
        _ => "Withdrawn",
    };
}
