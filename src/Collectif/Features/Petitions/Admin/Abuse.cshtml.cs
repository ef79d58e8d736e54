using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions.Admin;

/// <summary>/admin/petitions/abuse: allow and block lists, alerts about trending networks and domains, the limits in force.</summary>
public sealed class AbuseModel(CollectifDb db, AbuseGuard guard, AuditLog audit, TimeProvider clock, IOptions<PetitionOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<AbuseRule> Rules { get; private set; } = [];
    public IReadOnlyList<(PetitionAlert Alert, string Title, string Slug)> Alerts { get; private set; } = [];
    public PetitionOptions Limits => options.Value;

    [BindProperty] public AbuseRuleKind Kind { get; set; }
    [BindProperty] public AbuseRuleList List { get; set; }
    [BindProperty] public string? Pattern { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Kind) || !Enum.IsDefined(List))
        {
            ModelState.AddModelError(nameof(Kind), localizer["Choose a kind and a list."]);
        }
        else if (string.IsNullOrWhiteSpace(Pattern) || !AbuseGuard.IsValidPattern(Kind, Pattern))
        {
            ModelState.AddModelError(nameof(Pattern), Kind == AbuseRuleKind.Domain
                ? localizer["Enter a domain such as example.org, or a pattern with * such as *.example."]
                : localizer["Enter an address or a range such as 203.0.113.0/24, 198.51.100.* or 2001:db8::/32."]);
        }

        if (Note is { Length: > 500 })
        {
            ModelState.AddModelError(nameof(Note), localizer["At most 500 characters."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var pattern = Kind == AbuseRuleKind.Domain ? Pattern!.Trim().ToLowerInvariant() : Pattern!.Trim();
        db.AbuseRules.Add(new AbuseRule { Kind = Kind, List = List, Pattern = pattern, Note = Note?.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByEmail = User.Identity?.Name });
        audit.Record(AuditActions.AbuseRuleAdded, $"{List}:{pattern}");
        await db.SaveChangesAsync(cancellationToken);
        guard.RulesChanged();
        return Redirect("/admin/petitions/abuse");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.AbuseRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } rule)
        {
            db.AbuseRules.Remove(rule);
            audit.Record(AuditActions.AbuseRuleRemoved, $"{rule.List}:{rule.Pattern}");
            await db.SaveChangesAsync(cancellationToken);
            guard.RulesChanged();
        }

        return Redirect("/admin/petitions/abuse");
    }

    public async Task<IActionResult> OnPostDismissAsync(int id, CancellationToken cancellationToken)
    {
        await db.PetitionAlerts.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DismissedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return Redirect("/admin/petitions/abuse");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await db.AbuseRules.AsNoTracking().OrderBy(r => r.List).ThenBy(r => r.Pattern).ToListAsync(cancellationToken);
        Alerts = (await db.PetitionAlerts.AsNoTracking().Where(a => a.DismissedAt == null)
                .Join(db.Statements, a => a.StatementId, s => s.Id, (a, s) => new { Alert = a, s.Title, s.Slug })
                .OrderByDescending(x => x.Alert.RaisedAt).Take(100).ToListAsync(cancellationToken))
            .Select(x => (x.Alert, x.Title, x.Slug)).ToList();
    }
}
