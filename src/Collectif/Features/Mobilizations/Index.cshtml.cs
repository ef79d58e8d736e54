using Collectif.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Mobilizations;

/// <summary>/mobilizations — upcoming gatherings first (soonest first), then past ones, each with its city and status.</summary>
public sealed class IndexModel(CollectifDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Slug, string Title, MobilizationKind Kind, string City, string? Place, DateTime StartsAt, string TimeZone, MobilizationStatus Status);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "city")]
    public string? City { get; set; }

    public IReadOnlyList<string> Cities { get; private set; } = [];

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Gatherings.AsNoTracking()
            .Join(db.Mobilizations.Where(m => m.Published), g => g.MobilizationId, m => m.Id, (g, m) => new Row(m.Slug, m.Title, m.Kind, g.City, g.PlaceName, g.StartsAt, g.TimeZone, g.Status))
            .ToListAsync(cancellationToken);
        Cities = rows.Select(r => r.City).Distinct().OrderBy(c => Text.TextKey.Sort(c), StringComparer.Ordinal).ToList();
        if (!string.IsNullOrWhiteSpace(City))
        {
            rows = rows.Where(r => Text.TextKey.Normalize(r.City) == Text.TextKey.Normalize(City)).ToList();
        }

        Upcoming = rows.Where(r => r.StartsAt >= now.AddHours(-6)).OrderBy(r => r.StartsAt).ThenBy(r => r.City, StringComparer.Ordinal).ToList();
        Past = rows.Where(r => r.StartsAt < now.AddHours(-6)).OrderByDescending(r => r.StartsAt).ThenBy(r => r.City, StringComparer.Ordinal).Take(200).ToList();
    }
}
