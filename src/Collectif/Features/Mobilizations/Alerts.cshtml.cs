using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Mobilizations;

/// <summary>
/// /mobilizations/alerts/{token} confirms alerts; /mobilizations/alerts/stop/{token} stops them and
/// erases the address. Both show a button first: opening a link (or a mail scanner prefetching it)
/// changes nothing.
/// </summary>
public sealed class AlertsModel(CollectifDb db, MobilizationService service) : PageModel
{
    public MobilizationSubscription? Subscription { get; private set; }
    public string? MobilizationTitle { get; private set; }
    public string? MobilizationSlug { get; private set; }
    public bool Stop { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        if (Stop)
        {
            db.MobilizationSubscriptions.Remove(Subscription!);
        }
        else
        {
            Subscription!.ConfirmedAt ??= HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        Done = true;
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var stop = Stop = HttpContext.Request.Path.StartsWithSegments("/mobilizations/alerts/stop", StringComparison.Ordinal);
        Subscription = stop ? await service.FindByStopTokenAsync(token, cancellationToken) : await service.FindSubscriptionAsync(token, cancellationToken);
        if (Subscription is null)
        {
            return false;
        }

        var mobilization = await db.Mobilizations.AsNoTracking().Where(m => m.Id == Subscription.MobilizationId).Select(m => new { m.Title, m.Slug }).FirstAsync(cancellationToken);
        MobilizationTitle = mobilization.Title;
        MobilizationSlug = mobilization.Slug;
        return true;
    }
}
