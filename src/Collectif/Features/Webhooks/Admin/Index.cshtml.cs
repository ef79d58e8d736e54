using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Webhooks.Admin;

/// <summary>/admin/webhooks — the coalition's and member organizations' webhooks, and a form to add one (its secret shown once).</summary>
public sealed class IndexModel(CollectifDb db, WebhookAdministration webhooks) : PageModel
{
    public sealed record Line(Webhook Webhook, string? Organization, int Delivered, int Pending, int Failed);

    public IReadOnlyList<Line> Webhooks { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public WebhookAdministration.Created? Created { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(Name = "Url")] public string? Address { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<WebhookEvents> Events { get; set; } = [];
    [BindProperty] public int? OrganizationId { get; set; }

    public static readonly WebhookEvents[] AllEvents = [WebhookEvents.SignatureConfirmed, WebhookEvents.OrganizationSigned, WebhookEvents.StatementPublished, WebhookEvents.MobilizationStatusChanged];

    public static string Label(WebhookEvents kind) => kind switch
    {
        WebhookEvents.SignatureConfirmed => "A petition signature is confirmed",
        WebhookEvents.OrganizationSigned => "An organization signs a statement",
        WebhookEvents.StatementPublished => "A statement is published",
        WebhookEvents.MobilizationStatusChanged => "A mobilization changes status",
        _ => kind.ToString(),
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var events = Events.Aggregate(WebhookEvents.None, (all, e) => all | e);
        var (created, outcome) = await webhooks.CreateAsync(Address, Description, events, OrganizationId, User.Identity?.Name, cancellationToken);
        if (!outcome.Done)
        {
            Error = outcome.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Created = created;
            Address = Description = null;
            Events = [];
            OrganizationId = null;
            Response.Headers.CacheControl = "no-store";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var hooks = await db.Webhooks.AsNoTracking().Include(w => w.Organization).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        var counts = await db.WebhookDeliveries.AsNoTracking()
            .GroupBy(d => d.WebhookId)
            .Select(g => new { WebhookId = g.Key, Delivered = g.Count(d => d.DeliveredAt != null), Failed = g.Count(d => d.FailedAt != null), Pending = g.Count(d => d.DeliveredAt == null && d.FailedAt == null) })
            .ToListAsync(cancellationToken);
        Webhooks = hooks.Select(h => counts.FirstOrDefault(c => c.WebhookId == h.Id) is { } c
            ? new Line(h, h.Organization?.Name, c.Delivered, c.Pending, c.Failed)
            : new Line(h, h.Organization?.Name, 0, 0, 0)).ToList();
        Organizations = (await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).Select(o => new { o.Id, o.Name, o.SortKey }).ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal).Select(o => (o.Id, o.Name)).ToList();
    }
}
