using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Webhooks.Admin;

/// <summary>/admin/webhooks/{id} — one webhook: its delivery log (last 100), a test event, redelivery, disable, delete.</summary>
public sealed class DetailsModel(CollectifDb db, WebhookAdministration webhooks) : PageModel
{
    public Webhook Webhook { get; private set; } = null!;
    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];

    /// <summary>Set right after a rotation: the only time the new secret is shown.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPingAsync(int id, CancellationToken cancellationToken) =>
        await ActAsync(id, () => webhooks.PingAsync(Webhook, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRedeliverAsync(int id, long delivery, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !await webhooks.RedeliverAsync(Webhook, delivery, cancellationToken))
        {
            return NotFound();
        }

        return Redirect($"/admin/webhooks/{id}");
    }

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        // Answered with the page itself, not a redirect, so the secret is never in a URL or a later page.
        NewSecret = await webhooks.RotateSecretAsync(Webhook, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(int id, bool enabled, CancellationToken cancellationToken) =>
        await ActAsync(id, () => webhooks.SetEnabledAsync(Webhook, enabled, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        await webhooks.DeleteAsync(Webhook, cancellationToken);
        return Redirect("/admin/webhooks");
    }

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        await action();
        return Redirect($"/admin/webhooks/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.Webhooks.Include(w => w.Organization);
        var hook = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (hook is null)
        {
            return false;
        }

        Webhook = hook;
        Deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id).OrderByDescending(d => d.Id).Take(100).ToListAsync(cancellationToken);
        return true;
    }
}
