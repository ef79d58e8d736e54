using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>
/// /press/unsubscribe/{token}: the link at the foot of every release. Opening it changes nothing
/// (mail scanners open links); the button does. Mail clients use the one-click address instead.
/// </summary>
public sealed class UnsubscribeModel(CollectifDb db, DistributionService distributions) : PageModel
{
    public PressContact? Contact { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Contact = await db.PressContacts.AsNoTracking().SingleOrDefaultAsync(c => c.UnsubscribeToken == token, cancellationToken);
        if (Contact is null)
        {
            return NotFound();
        }

        Done = Contact.UnsubscribedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Contact = await distributions.UnsubscribeAsync(token, cancellationToken);
        if (Contact is null)
        {
            return NotFound();
        }

        Done = true;
        return Page();
    }
}
