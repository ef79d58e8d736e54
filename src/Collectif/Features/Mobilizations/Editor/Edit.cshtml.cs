using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Statements;
using Collectif.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Mobilizations.Editor;

/// <summary>
/// /editor/mobilizations/{slug} (and /editor/mobilizations/new): a mobilization, its gatherings
/// (typed, or found in a pasted announcement and previewed before saving), its status history and
/// its turnout figures.
/// </summary>
public sealed class EditModel(CollectifDb db, MobilizationService service, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string? Slug { get; set; }

    public Mobilization? Mobilization { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public MobilizationKind Kind { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? AccessibilityNotes { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public List<int> Organizers { get; set; } = [];

    [BindProperty]
    public List<int> Supporters { get; set; } = [];

    [BindProperty]
    public List<int> LinkedStatements { get; set; } = [];

    public IReadOnlyList<(int Id, string Name)> AllOrganizations { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> AllStatements { get; private set; } = [];

    [BindProperty]
    public MobilizationService.GatheringInput Gathering { get; set; } = new(null, null, null, null, null, "Europe/Paris", null, null, null);

    [BindProperty]
    public MobilizationService.StatusInput Status { get; set; } = new(MobilizationStatus.Announced, null, null, null, null, null, null, null);

    [BindProperty]
    public int TurnoutGathering { get; set; }

    [BindProperty]
    public TurnoutSource TurnoutSource { get; set; }

    [BindProperty]
    public string? TurnoutSourceName { get; set; }

    [BindProperty]
    public string? TurnoutLow { get; set; }

    [BindProperty]
    public string? TurnoutHigh { get; set; }

    [BindProperty]
    public string? TurnoutLink { get; set; }

    [BindProperty]
    public string? Announcement { get; set; }

    public IReadOnlyList<AnnouncedGathering>? Found { get; private set; }

    public static IReadOnlyList<string> TimeZones => Admin.CoalitionModel.TimeZones;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Slug is null || await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Creates the mobilization (title, kind, description).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 300)
        {
            return Refuse("Enter a title (at most 300 characters).");
        }

        if (!Enum.IsDefined(Kind))
        {
            return Refuse("Choose a kind of mobilization.");
        }

        if (Description is { Length: > 20_000 })
        {
            return Refuse("The description is too long (at most 20,000 characters).");
        }

        if (AccessibilityNotes is { Length: > 2000 } || Contact is { Length: > 500 })
        {
            return Refuse("The accessibility notes or the contact are too long.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Slug is null)
        {
            await LoadAsync(cancellationToken);
        }

        if (Slug is not null && await LoadAsync(cancellationToken))
        {
            Mobilization!.Title = Title.Trim();
            Mobilization.Kind = Kind;
            Mobilization.Description = Description?.Trim() ?? "";
            Mobilization.AccessibilityNotes = string.IsNullOrWhiteSpace(AccessibilityNotes) ? null : AccessibilityNotes.Trim();
            Mobilization.Contact = string.IsNullOrWhiteSpace(Contact) ? null : Contact.Trim();
            var organizations = AllOrganizations.Select(o => o.Id).ToHashSet();
            Mobilization.Organizations.Clear();
            Mobilization.Organizations.AddRange(Organizers.Where(organizations.Contains).Distinct().Select(id => new MobilizationOrganization { OrganizationId = id, Organizer = true }));
            Mobilization.Organizations.AddRange(Supporters.Where(id => organizations.Contains(id) && !Organizers.Contains(id)).Distinct().Select(id => new MobilizationOrganization { OrganizationId = id }));
            var statements = AllStatements.Select(t => t.Id).ToHashSet();
            Mobilization.Statements.Clear();
            Mobilization.Statements.AddRange(LinkedStatements.Where(statements.Contains).Distinct().Select(id => new MobilizationStatement { StatementId = id }));
            Mobilization.Sequence++;
            Mobilization.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return Redirect($"/editor/mobilizations/{Mobilization.Slug}");
        }

        var slug = TextKey.Slug(Title, 90);
        for (var n = 2; await db.Mobilizations.AnyAsync(m => m.Slug == slug, cancellationToken); n++)
        {
            slug = $"{TextKey.Slug(Title, 90)}-{n}";
        }

        db.Mobilizations.Add(new Mobilization { Slug = slug, Title = Title.Trim(), Kind = Kind, Description = Description?.Trim() ?? "", Published = true, CreatedAt = now, UpdatedAt = now });
        audit.Record(AuditActions.MobilizationCreated, $"mobilization:{slug}", Title.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/mobilizations/{slug}");
    }

    public Task<IActionResult> OnPostGatheringAsync(CancellationToken cancellationToken) =>
        ChangeAsync(m => service.AddGatheringAsync(m, Gathering, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken) =>
        ChangeAsync(m => service.ChangeStatusAsync(m, Status with { At = Status.At is { } local ? MobilizationService.ToUtc(local, "Europe/Paris") : null }, cancellationToken), cancellationToken);

    [BindProperty]
    public int RemoveId { get; set; }

    public Task<IActionResult> OnPostRemoveGatheringAsync(CancellationToken cancellationToken) =>
        ChangeAsync(m => service.RemoveGatheringAsync(m, RemoveId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveTurnoutAsync(CancellationToken cancellationToken) =>
        ChangeAsync(m => service.RemoveTurnoutAsync(m, RemoveId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostTurnoutAsync(CancellationToken cancellationToken) =>
        ChangeAsync(m => service.AddTurnoutAsync(m, TurnoutGathering, TurnoutSource, TurnoutSourceName, TurnoutLow, TurnoutHigh, TurnoutLink, cancellationToken), cancellationToken);

    /// <summary>Finds the gatherings in a pasted announcement and shows them; nothing is saved yet.</summary>
    public async Task<IActionResult> OnPostPreviewAnnouncementAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Found = AnnouncementParser.Parse(Announcement, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (Found.Count == 0)
        {
            return Refuse("No gathering was found: each needs at least a time (14h30) and preferably a day and a place.");
        }

        return Page();
    }

    /// <summary>Saves the gatherings found in the announcement (those with a day and a city).</summary>
    public async Task<IActionResult> OnPostAddAnnouncementAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var found = AnnouncementParser.Parse(Announcement, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).Where(g => g.Date is not null && g.Year && g.Start is not null && g.City.Length > 0).ToList();
        if (found.Count == 0)
        {
            return Refuse("No gathering with a day, a time and a city was found; add them one by one below.");
        }

        foreach (var g in found)
        {
            var outcome = await service.AddGatheringAsync(Mobilization!, new MobilizationService.GatheringInput(
                g.City, g.Place, null, g.Date!.Value.ToDateTime(g.Start!.Value), g.End is { } end ? g.Date.Value.ToDateTime(end) : null, "Europe/Paris", null, null, null), cancellationToken);
            if (!outcome.Done)
            {
                return Refuse(outcome.Error!, outcome.Arguments);
            }

            if (g.Status != AnnouncedStatus.Announced)
            {
                var added = Mobilization!.Gatherings[^1];
                await service.ChangeStatusAsync(Mobilization, new MobilizationService.StatusInput(
                    g.Status switch { AnnouncedStatus.Banned => MobilizationStatus.Banned, AnnouncedStatus.Maintained => MobilizationStatus.Maintained, AnnouncedStatus.Moved => MobilizationStatus.Moved, _ => MobilizationStatus.Cancelled },
                    added.Id, null, localizer["the announcement"].Value, g.Status == AnnouncedStatus.Banned ? localizer["not stated in the announcement"].Value : null, null, null, null), cancellationToken);
            }
        }

        return Redirect($"/editor/mobilizations/{Mobilization!.Slug}");
    }

    private async Task<IActionResult> ChangeAsync(Func<Mobilization, Task<Outcome>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        var outcome = await change(Mobilization!);
        return outcome.Done ? Redirect($"/editor/mobilizations/{Mobilization!.Slug}") : Refuse(outcome.Error!, outcome.Arguments);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Mobilization = Slug is null ? null : await service.LoadAsync(Slug, tracked: true, cancellationToken);
        AllOrganizations = (await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).Select(o => new { o.Id, o.Name, o.SortKey }).ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal).Select(o => (o.Id, o.Name)).ToList();
        AllStatements = (await db.Statements.AsNoTracking().OrderByDescending(s => s.Id).Take(300).Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Title)).ToList();
        if (Mobilization is not null && Request.Method == "GET")
        {
            Title = Mobilization.Title;
            Kind = Mobilization.Kind;
            Description = Mobilization.Description;
            AccessibilityNotes = Mobilization.AccessibilityNotes;
            Contact = Mobilization.Contact;
            Organizers = Mobilization.Organizations.Where(o => o.Organizer).Select(o => o.OrganizationId).ToList();
            Supporters = Mobilization.Organizations.Where(o => !o.Organizer).Select(o => o.OrganizationId).ToList();
            LinkedStatements = Mobilization.Statements.Select(s => s.StatementId).ToList();
        }

        return Mobilization is not null;
    }

    private PageResult Refuse(string error, object[]? arguments = null)
    {
        ModelState.AddModelError("", localizer[error, arguments ?? []]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
