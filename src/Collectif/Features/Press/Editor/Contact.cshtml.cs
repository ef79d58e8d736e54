using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

public sealed record SentLine(int DistributionId, string Title, string Slug, DateTime SendAt, string Language, RecipientStatus Status, string? Detail);

/// <summary>/editor/press/contacts/{id} (and /new): one journalist, their lists, consent, and what was sent to them.</summary>
public sealed class ContactModel(CollectifDb db, ContactEditor editor, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static IReadOnlyList<string> LanguageChoices => ContactEditor.LanguageChoices;

    // The rules (required, lengths, duplicates) are ContactEditor's, shared with the API.
    [BindProperty] public string? Name { get; set; } = "";
    [BindProperty] public string? Email { get; set; } = "";
    [BindProperty] public string? Outlet { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string Languages { get; set; } = "fr";
    [BindProperty] public string? Topics { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public ConsentBasis ConsentBasis { get; set; }
    [BindProperty] public DateOnly? ConsentDate { get; set; }
    [BindProperty] public List<int> ListIds { get; set; } = [];

    public PressContact? Existing { get; private set; }
    public IReadOnlyList<PressList> Lists { get; private set; } = [];
    public IReadOnlyList<string> Outlets { get; private set; } = [];
    public IReadOnlyList<SentLine> History { get; private set; } = [];
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is { } contact)
        {
            Name = contact.Name;
            Email = contact.Email;
            Outlet = contact.Outlet?.Name;
            Role = contact.Role;
            Phone = contact.Phone;
            Languages = contact.Languages;
            Topics = contact.Topics;
            Notes = contact.Notes;
            ConsentBasis = contact.ConsentBasis;
            ConsentDate = contact.ConsentDate;
            ListIds = contact.Lists.Select(m => m.PressListId).ToList();
        }
        else
        {
            ConsentDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }

        Saved = saved ? localizer["Saved."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await editor.SaveAsync(id, new ContactInput(Name, Email, Outlet, Role, Phone, Languages, Topics, Notes, ConsentBasis, ConsentDate, ListIds), cancellationToken);
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, localizer[message]);
        }

        if (!outcome.Saved || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/editor/press/contacts/{outcome.Contact!.Id}?saved=true");
    }

    /// <summary>The officer checked the address (or the journalist wrote back): mail may go to it again.</summary>
    public async Task<IActionResult> OnPostClearBounceAsync(int id, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.FindAsync([id], cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        contact.BouncedAt = null;
        contact.BounceReason = null;
        audit.Record("press.contact.bounce-cleared", contact.EmailKey);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/press/contacts/{id}?saved=true");
    }

    /// <summary>Erasure (GDPR art. 17): the contact goes, and the sending history keeps no name or address.</summary>
    public async Task<IActionResult> OnPostEraseAsync(int id, CancellationToken cancellationToken) =>
        await editor.EraseAsync(id, cancellationToken) ? Redirect("/editor/press/contacts") : NotFound();

    private async Task<bool> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken);
        Outlets = await db.MediaOutlets.AsNoTracking().OrderBy(o => o.Name).Select(o => o.Name).Take(2000).ToListAsync(cancellationToken);
        if (id is not { } contactId)
        {
            return true;
        }

        Existing = await db.PressContacts.AsNoTracking().Include(c => c.Outlet).Include(c => c.Lists).SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (Existing is null)
        {
            return false;
        }

        History = await DistributionService.WithStatus(db, db.DistributionRecipients.Where(r => r.PressContactId == contactId))
            .OrderByDescending(r => r.Recipient.Distribution!.SendAt)
            .Join(db.Statements, r => r.Recipient.StatementId, s => s.Id, (r, s) => new SentLine(r.Recipient.DistributionId, s.Title, s.Slug, r.Recipient.Distribution!.SendAt, r.Recipient.Language, r.Status, r.Recipient.Detail))
            .Take(200).ToListAsync(cancellationToken);
        return true;
    }
}
