using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

public sealed record ListLine(int Id, string Name, string? Description, int Members, int Reachable);

/// <summary>/editor/press/lists: the groups releases are sent to, with how many can be reached.</summary>
public sealed class ListsModel(CollectifDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Give the list a name."), StringLength(PressLimits.Name, ErrorMessage = "This is too long.")]
    public string Name { get; set; } = "";

    [BindProperty, StringLength(1000, ErrorMessage = "This is too long.")]
    public string? Description { get; set; }

    public IReadOnlyList<ListLine> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await db.PressLists.AnyAsync(l => l.Name == Name.Trim(), cancellationToken))
        {
            ModelState.AddModelError(nameof(Name), localizer["A list with this name exists already."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.PressLists.Add(new PressList { Name = Name.Trim(), Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record("press.list.created", Name.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    /// <summary>Deletes the list, not its contacts.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var list = await db.PressLists.FindAsync([id], cancellationToken);
        if (list is null)
        {
            return NotFound();
        }

        db.PressLists.Remove(list);
        audit.Record("press.list.deleted", list.Name);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new ListLine(l.Id, l.Name, l.Description, l.Members.Count, l.Members.Count(m => m.PressContact!.UnsubscribedAt == null && m.PressContact.BouncedAt == null)))
            .ToListAsync(cancellationToken);
}
