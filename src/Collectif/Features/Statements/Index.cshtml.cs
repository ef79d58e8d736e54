using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>Published statements, newest first, filtered by kind, year or signatory organization, a page at a time.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Web.PublicCache.Policy)]
public sealed class IndexModel(CollectifDb db) : PageModel
{
    /// <summary>Statements per page: a coalition with ten years of communiqués has thousands.</summary>
    public const int PageSize = 30;

    /// <summary>Far beyond any real archive; keeps OFFSET from scanning a table for a typed-in number.</summary>
    private const int MaxPage = 10_000;

    public int PageNumber { get; private set; } = 1;

    public bool HasOlder { get; private set; }

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
            .Select(t => new { t.Slug, t.Name }).Distinct().ToListAsync(cancellationToken))
            .GroupBy(t => t.Slug).Select(g => (g.Key, g.First().Name))
            .OrderBy(t => Text.TextKey.Sort(t.Name), StringComparer.Ordinal).ToList();
        Years = (await published.Select(s => s.PublishedAt!.Value.Year).Distinct().ToListAsync(cancellationToken)).OrderDescending().ToList();
        Organizations = (await db.StatementSignatories.AsNoTracking()
            .Where(s => s.Organization != null)
            .Select(s => new { s.Organization!.Slug, s.Organization.Name, s.Organization.SortKey })
            .Distinct().ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal).Select(o => (o.Slug, o.Name)).ToList();

        // Read from the query string itself: model binding would take Razor Pages' own "page" route value.
        if (Request.Query["page"].ToString() is { Length: > 0 } pageText)
        {
            if (!int.TryParse(pageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxPage)
            {
                return Refuse("The page number is not valid.");
            }

            PageNumber = number;
        }

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

        var rows = await query.LatestAsync((PageNumber - 1) * PageSize, PageSize + 1, cancellationToken);
        HasOlder = rows.Count > PageSize;
        Statements = rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>The address of another page of the same selection.</summary>
    public string PageUrl(int number)
    {
        var query = new Dictionary<string, string?> { ["kind"] = Kind?.ToString(), ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["organization"] = Organization, ["tag"] = Tag, ["page"] = number > 1 ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/statements", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
