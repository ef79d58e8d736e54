using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Organizations.Admin;

public sealed class MergeModel(CollectifDb db, MergeOrganizations merge, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Duplicate { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kept { get; set; }

    public IReadOnlyList<OrganizationSummary> Organizations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Duplicate) || string.IsNullOrEmpty(Kept))
        {
            ModelState.AddModelError(string.Empty, localizer["Choose both the duplicate and the organization to keep."]);
        }
        else
        {
            switch (await merge.MergeAsync(Duplicate, Kept, cancellationToken))
            {
                case MergeOrganizations.Outcome.Merged:
                    return Redirect($"/organizations/{Kept}");
                case MergeOrganizations.Outcome.SameOrganization:
                    ModelState.AddModelError(string.Empty, localizer["An organization cannot be merged into itself."]);
                    break;
                default:
                    ModelState.AddModelError(string.Empty, localizer["One of these organizations no longer exists."]);
                    break;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Organizations = await db.Organizations.AsNoTracking().Search(null, null).AsSummary().ToListAsync(cancellationToken);
}
