using Collectif.Data;
using Collectif.Features.Coalitions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

/// <summary>/editor/press/distributions/{id}: live counts by status, each recipient's fate, bounces marked by hand, cancel.</summary>
public sealed class DistributionModel(CollectifDb db, DistributionService distributions, CurrentCoalition currentCoalition, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 100;

    public Distribution Distribution { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public Coalition Coalition { get; private set; } = null!;
    public DistributionProgress Progress { get; private set; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<RecipientState> Recipients { get; private set; } = [];
    public bool Due { get; private set; }
    public string? Done { get; private set; }

    [BindProperty(SupportsGet = true)] public RecipientStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public int RecipientId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public int Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var distribution = await db.Distributions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (distribution is null)
        {
            return NotFound();
        }

        if (distribution.Status != DistributionStatus.Cancelled)
        {
            await distributions.CancelAsync(distribution, cancellationToken);
        }

        return Redirect($"/editor/press/distributions/{id}");
    }

    /// <summary>A bounce that came back to someone's own mailbox, recorded by hand.</summary>
    public async Task<IActionResult> OnPostBounceAsync(int id, CancellationToken cancellationToken)
    {
        var recipient = await db.DistributionRecipients.SingleOrDefaultAsync(r => r.Id == RecipientId && r.DistributionId == id, cancellationToken);
        if (recipient is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 500)
        {
            ModelState.AddModelError(nameof(Reason), localizer["Say what the bounce said (500 characters at most)."]);
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await distributions.MarkBouncedAsync(recipient, Reason.Trim(), cancellationToken);
        return Redirect($"/editor/press/distributions/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var distribution = await db.Distributions.AsNoTracking().Include(d => d.Statement).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (distribution is null)
        {
            return false;
        }

        Distribution = distribution;
        Title = distribution.Statement!.Title;
        Slug = distribution.Statement.Slug;
        Coalition = await currentCoalition.GetAsync(cancellationToken);
        Progress = await distributions.ProgressAsync(id, cancellationToken);
        Due = distribution.SendAt <= clock.GetUtcNow().UtcDateTime;
        var query = DistributionService.WithStatus(db, db.DistributionRecipients.AsNoTracking().Where(r => r.DistributionId == id));
        if (Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        var count = await query.CountAsync(cancellationToken);
        Pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Recipients = await query.OrderBy(r => r.Recipient.Name).ThenBy(r => r.Recipient.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return true;
    }
}
