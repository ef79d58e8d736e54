using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

public sealed record SentLine(int DistributionId, string Title, string Slug, DateTime SendAt, string Language, RecipientStatus Status, string? Detail);

/// <summary>/editor/press/contacts/{id} (and /new): one journalist, their lists, consent, and what was sent to them.</summary>
public sealed class ContactModel(CollectifDb db, DistributionService distributions, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly string[] LanguageChoices = ["fr", "en", "fr,en", "en,fr"];

    [BindProperty, Required(ErrorMessage = "Give the contact's name."), StringLength(PressLimits.Name, ErrorMessage = "This is too long.")]
    public string Name { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Give the contact's e-mail address.")]
    public string Email { get; set; } = "";

    [BindProperty, StringLength(PressLimits.Name, ErrorMessage = "This is too long.")] public string? Outlet { get; set; }
    [BindProperty, StringLength(PressLimits.Name, ErrorMessage = "This is too long.")] public string? Role { get; set; }
    [BindProperty, StringLength(PressLimits.Phone, ErrorMessage = "This is too long.")] public string? Phone { get; set; }
    [BindProperty] public string Languages { get; set; } = "fr";
    [BindProperty, StringLength(PressLimits.Topics, ErrorMessage = "This is too long.")] public string? Topics { get; set; }
    [BindProperty, StringLength(PressLimits.Notes, ErrorMessage = "This is too long.")] public string? Notes { get; set; }
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

        var email = ContactCsv.ValidEmail(Email ?? "");
        if (!string.IsNullOrWhiteSpace(Email) && email is null)
        {
            ModelState.AddModelError(nameof(Email), localizer["This is not an e-mail address."]);
        }
        else if (email is not null && await db.PressContacts.AnyAsync(c => c.EmailKey == ContactImporter.Key(email) && c.Id != (id ?? 0), cancellationToken))
        {
            ModelState.AddModelError(nameof(Email), localizer["Another contact already has this address."]);
        }

        if (!LanguageChoices.Contains(Languages))
        {
            ModelState.AddModelError(nameof(Languages), localizer["Choose the languages from the list."]);
        }

        if (!Enum.IsDefined(ConsentBasis))
        {
            ModelState.AddModelError(nameof(ConsentBasis), localizer["Choose the legal basis from the list."]);
        }

        if (ListIds.Except(Lists.Select(l => l.Id)).Any())
        {
            ModelState.AddModelError(nameof(ListIds), localizer["Choose lists from those shown."]);
        }

        if ((Name ?? "").Any(char.IsControl) || (Role ?? "").Any(char.IsControl) || (Outlet ?? "").Any(char.IsControl))
        {
            ModelState.AddModelError(nameof(Name), localizer["Line breaks and control characters are not allowed here."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var contact = id is { } existingId
            ? await db.PressContacts.Include(c => c.Lists).SingleAsync(c => c.Id == existingId, cancellationToken)
            : ContactImporter.NewContact(email!, Name!.Trim(), now);
        if (id is null)
        {
            db.PressContacts.Add(contact);
        }

        contact.Name = Name!.Trim();
        contact.Email = email!;
        contact.EmailKey = ContactImporter.Key(email!);
        contact.Outlet = await OutletAsync(Outlet, cancellationToken);
        contact.Role = Blank(Role);
        contact.Phone = Blank(Phone);
        contact.Languages = Languages;
        contact.Topics = Blank(Topics);
        contact.Notes = Blank(Notes);
        contact.ConsentBasis = ConsentBasis;
        contact.ConsentDate = ConsentDate;
        contact.UpdatedAt = now;
        contact.Lists.RemoveAll(m => !ListIds.Contains(m.PressListId));
        foreach (var listId in ListIds.Distinct().Where(l => contact.Lists.All(m => m.PressListId != l)))
        {
            contact.Lists.Add(new PressListMember { PressListId = listId, PressContact = contact });
        }

        audit.Record(id is null ? "press.contact.created" : "press.contact.updated", contact.EmailKey);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/press/contacts/{contact.Id}?saved=true");
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
    public async Task<IActionResult> OnPostEraseAsync(int id, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.FindAsync([id], cancellationToken);
        if (contact is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await distributions.CancelQueuedAsync(id, cancellationToken);
        var queued = db.DistributionRecipients.Where(r => r.PressContactId == id).Select(r => r.OutboxMessageId);
        await db.OutboxMessages.Where(m => queued.Contains(m.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ToAddress, "erased@invalid").SetProperty(m => m.ToName, (string?)null), cancellationToken);
        await db.DistributionRecipients.Where(r => r.PressContactId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Email, "erased@invalid").SetProperty(r => r.Name, "—").SetProperty(r => r.PressContactId, (int?)null), cancellationToken);
        db.PressContacts.Remove(contact);
        audit.Record("press.contact.erased", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect("/editor/press/contacts");
    }

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

    private async Task<MediaOutlet?> OutletAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = TextKey.Normalize(name);
        return await db.MediaOutlets.SingleOrDefaultAsync(o => o.NameKey == key, cancellationToken)
            ?? db.MediaOutlets.Add(new MediaOutlet { Name = name.Trim(), NameKey = key }).Entity;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
