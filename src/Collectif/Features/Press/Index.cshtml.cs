using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>/press: the coalition's press releases, newest first, and who stands behind them.</summary>
public sealed class IndexModel(CollectifDb db) : PageModel
{
    public IReadOnlyList<StatementSummary> Releases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Releases = await db.Statements.Where(s => s.Kind == StatementKind.PressRelease && StatementQueries.Listed.Contains(s.Status)).LatestAsync(50, cancellationToken);
}
