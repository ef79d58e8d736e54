using Collectif.Data;
using Collectif.Features.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Admin;

public sealed class IndexModel(CollectifDb db) : PageModel
{
    public IReadOnlyList<OrganizationSummary> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organizations = await db.Organizations.AsNoTracking().Search(null, null).AsSummary().ToListAsync(cancellationToken);
}
