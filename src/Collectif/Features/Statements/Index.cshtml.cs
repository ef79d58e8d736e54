using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>Published statements, newest first, filtered by kind, year or signatory organization.</summary>
public sealed class IndexModel(CollectifDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? KindText { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public string? YearText { get; set; }

    [BindProperty(SupportsGet = true, Name = "organization")]
    public string? Organization { get; set; }

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? Tag { get; set; }

    public IReadOnlyList<(string Slug, string Name)> Tags { get; private set; } = [];

    public StatementKind? Kind { get; private set; }
    public int? Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<(string Slug, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<StatementSummary> Statements { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var published = db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status));
        Tags = (await db.StatementTags.AsNoTracking()
            .Where(t => published.Any(s => s.Id == t.StatementId))
            .Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken))
            .GroupBy(t => t.Slug).Select(g => (g.Key, g.First().Name))
            .OrderBy(t => Text.TextKey.Sort(t.Name), StringComparer.Ordinal).ToList();
        Years = (await published.Select(s => s.PublishedAt!.Value).ToListAsync(cancellationToken)).Select(d => d.Year).Distinct().OrderDescending().ToList();
        Organizations = (await db.StatementSignatories.AsNoTracking()
            .Where(s => s.Organization != null)
            .Select(s => new { s.Organization!.Slug, s.Organization.Name, s.Organization.SortKey })
            .Distinct().ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal).Select(o => (o.Slug, o.Name)).ToList();

        if (!string.IsNullOrEmpty(KindText))
        {
            if (!Enum.TryParse<StatementKind>(KindText, out var kind) || !Enum.IsDefined(kind) || int.TryParse(KindText, out _))
            {
                return Refuse("Unknown kind of statement.");
            }

            Kind = kind;
        }

        if (!string.IsNullOrEmpty(YearText))
        {
            if (!int.TryParse(YearText, out var year) || year is < 1900 or > 2200)
            {
                return Refuse("The year is not valid.");
            }

            Year = year;
        }

        var query = published;
        if (Kind is { } k)
        {
            query = query.Where(s => s.Kind == k);
        }

        if (Year is { } y)
        {
            var start = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = start.AddYears(1);
            query = query.Where(s => s.PublishedAt >= start && s.PublishedAt < end);
        }

        if (!string.IsNullOrEmpty(Organization))
        {
            query = query.Where(s => s.Signatories.Any(sig => sig.Organization != null && sig.Organization.Slug == Organization));
        }

        if (!string.IsNullOrEmpty(Tag))
        {
            query = query.Where(s => s.Tags.Any(t => t.Slug == Tag));
        }

        Statements = await query.LatestAsync(200, cancellationToken);
        return Page();
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
