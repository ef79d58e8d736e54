using Collectif.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collectif.Features.Statements;

public sealed class IndexModel(CollectifDb db) : PageModel
{
    public IReadOnlyList<StatementSummary> Statements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Statements = await db.LatestAsync(200, cancellationToken);
}
