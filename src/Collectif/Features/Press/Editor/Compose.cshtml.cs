using System.Security.Claims;
using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

public sealed record ListChoice(int Id, string Name, int Reachable);

/// <summary>
/// /editor/press/releases/{slug}/send: choose lists and contacts, the time, look at the exact
/// mails in each language, send a test to oneself, then schedule.
/// </summary>
public sealed class ComposeModel(CollectifDb db, DistributionService distributions, CurrentCoalition currentCoalition, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Statement Release { get; private set; } = null!;
    public Coalition Coalition { get; private set; } = null!;
    public IReadOnlyList<ListChoice> Lists { get; private set; } = [];
    public IReadOnlyDictionary<string, Statement> Versions { get; private set; } = new Dictionary<string, Statement>();
    public string? Problem { get; private set; }
    public DistributionPlan? Plan { get; private set; }
    public IReadOnlyDictionary<string, PressMail> Previews { get; private set; } = new Dictionary<string, PressMail>();
    public DateTime PreviewAt { get; private set; }
    public string? Sent { get; private set; }

    [BindProperty] public List<int> ListIds { get; set; } = [];

    /// <summary>Addresses of individual contacts, one per line.</summary>
    [BindProperty] public string? Addresses { get; set; }

    /// <summary>Wall-clock time in the coalition's zone; empty: now.</summary>
    [BindProperty] public DateTime? SendAt { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        await PrepareAsync(requireRecipients: false, cancellationToken);
        return Status();
    }

    public async Task<IActionResult> OnPostTestAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var to = User.FindFirstValue(ClaimTypes.Email) ?? User.FindFirstValue(ClaimTypes.Name);
        var sendAt = await PrepareAsync(requireRecipients: false, cancellationToken);
        if (to is null || ContactCsv.ValidEmail(to) is null)
        {
            ModelState.AddModelError(string.Empty, localizer["Your account has no address to send a test to."]);
        }

        if (ModelState.IsValid)
        {
            foreach (var version in Versions.Values)
            {
                await distributions.SendTestAsync(version, to!, sendAt!.Value, cancellationToken);
            }

            Sent = localizer["A test was sent to {0} in each language.", to!].Value;
        }

        return Status();
    }

    public async Task<IActionResult> OnPostScheduleAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var sendAt = await PrepareAsync(requireRecipients: true, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Status();
        }

        var names = Lists.Where(l => ListIds.Contains(l.Id)).Select(l => l.Name).ToList();
        var accountId = int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (int?)null;
        var distribution = await distributions.ScheduleAsync(Release, Plan!, names, sendAt!.Value, accountId, cancellationToken);
        return Redirect($"/editor/press/distributions/{distribution.Id}");
    }

    private PageResult Status()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>Validates the choices and builds the plan and previews; returns the sending time (UTC) when valid.</summary>
    private async Task<DateTime?> PrepareAsync(bool requireRecipients, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            ModelState.AddModelError(string.Empty, Problem);
        }

        if (ListIds.Except(Lists.Select(l => l.Id)).Any())
        {
            ModelState.AddModelError(nameof(ListIds), localizer["Choose lists from those shown."]);
        }

        var contactIds = new List<int>();
        var unknown = new List<string>();
        foreach (var line in (Addresses ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(1000))
        {
            var key = ContactImporter.Key(line);
            var contactId = await db.PressContacts.Where(c => c.EmailKey == key).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (contactId is { } found)
            {
                contactIds.Add(found);
            }
            else
            {
                unknown.Add(line.Length > 80 ? line[..80] : line);
            }
        }

        if (unknown.Count > 0)
        {
            ModelState.AddModelError(nameof(Addresses), localizer["These addresses are not press contacts; add them first: {0}", string.Join(", ", unknown.Take(10))]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? sendAt = now;
        if (SendAt is { } local)
        {
            sendAt = CurrentCoalition.ToUtc(local, Coalition);
            if (sendAt is null)
            {
                ModelState.AddModelError(nameof(SendAt), localizer["This time does not exist in the coalition's time zone (clocks change); choose another."]);
            }
            else if (sendAt < now.AddMinutes(-1))
            {
                ModelState.AddModelError(nameof(SendAt), localizer["This time is in the past: leave it empty to send now."]);
            }
        }

        PreviewAt = sendAt ?? now;
        Plan = await distributions.PlanAsync(Release, ListIds, contactIds, cancellationToken);
        if (requireRecipients && ModelState.IsValid && Plan.Recipients.Count == 0)
        {
            ModelState.AddModelError(nameof(ListIds), ListIds.Count == 0 && contactIds.Count == 0
                ? localizer["Choose at least one list or contact."]
                : localizer["Nobody to send to: the lists chosen are empty, or everyone in them unsubscribed or bounced."]);
        }

        var previews = new Dictionary<string, PressMail>();
        foreach (var (language, version) in Versions)
        {
            previews[language] = await distributions.RenderAsync(version, PreviewAt, cancellationToken);
        }

        Previews = previews;
        return ModelState.IsValid ? sendAt : null;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var release = await db.Statements.AsNoTracking().Include(s => s.BylineOrganization).FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (release is null)
        {
            return false;
        }

        Release = release;
        Coalition = await currentCoalition.GetAsync(cancellationToken);
        Versions = await distributions.VersionsAsync(release, cancellationToken);
        Problem = await distributions.ProblemAsync(release, cancellationToken) is { } problem
            ? (problem.Argument is { } argument ? localizer[problem.Message, argument] : localizer[problem.Message]).Value
            : null;
        Lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new ListChoice(l.Id, l.Name, l.Members.Count(m => m.PressContact!.UnsubscribedAt == null && m.PressContact.BouncedAt == null)))
            .ToListAsync(cancellationToken);
        return true;
    }
}
