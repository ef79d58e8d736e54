using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features;

public sealed class IndexModel(CollectifDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StatementSummary> Latest { get; private set; } = [];
    public int MemberCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // One version of each text: the reader's language when it has been translated into it.
        var language = Web.Languages.Current;
        Latest = (await db.LatestAsync(18, cancellationToken))
            .GroupBy(s => s.TextId)
            .Select(g => g.FirstOrDefault(s => s.Language == language) ?? g.OrderBy(s => s.TextId == s.Id ? 0 : 1).First())
            .OrderByDescending(s => s.PublishedAt)
            .Take(6)
            .ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        MemberCount = await db.Organizations.CountAsync(
            o => o.MergedIntoId == null && o.Memberships.Any(m => m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn >= today)),
            cancellationToken);
    }
}
