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
        Latest = await db.LatestAsync(6, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        MemberCount = await db.Organizations.CountAsync(
            o => o.MergedIntoId == null && o.Memberships.Any(m => m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn >= today)),
            cancellationToken);
    }
}
