using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>What a press officer gives for one media contact, on the contact page or through the API.</summary>
public sealed record ContactInput(
    string? Name, string? Email, string? Outlet, string? Role, string? Phone, string? Languages, string? Topics, string? Notes,
    ConsentBasis ConsentBasis, DateOnly? ConsentDate, IReadOnlyList<int>? ListIds);

/// <summary>
/// Creates, updates and erases media contacts with one set of rules for the contact page and the
/// API. Errors are message keys per field (the property names of <see cref="ContactInput"/>),
/// translated by the caller in the reader's language.
/// </summary>
public sealed class ContactEditor(CollectifDb db, DistributionService distributions, AuditLog audit, TimeProvider clock)
{
    public static readonly string[] LanguageChoices = ["fr", "en", "fr,en", "en,fr"];

    public sealed record Outcome(PressContact? Contact, IReadOnlyDictionary<string, string> Errors)
    {
        public bool Saved => Contact is not null;
    }

    /// <summary>The rules; <paramref name="id"/> is the contact being edited (its own address is no duplicate).</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(int? id, ContactInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        void Too(string field, string? value, int max)
        {
            if (value is { } text && text.Trim().Length > max)
            {
                errors.TryAdd(field, "This is too long.");
            }
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors["Name"] = "Give the contact's name.";
        }

        Too(nameof(ContactInput.Name), input.Name, PressLimits.Name);
        Too(nameof(ContactInput.Outlet), input.Outlet, PressLimits.Name);
        Too(nameof(ContactInput.Role), input.Role, PressLimits.Name);
        Too(nameof(ContactInput.Phone), input.Phone, PressLimits.Phone);
        Too(nameof(ContactInput.Topics), input.Topics, PressLimits.Topics);
        Too(nameof(ContactInput.Notes), input.Notes, PressLimits.Notes);
        if ((input.Name ?? "").Any(char.IsControl) || (input.Role ?? "").Any(char.IsControl) || (input.Outlet ?? "").Any(char.IsControl))
        {
            errors.TryAdd("Name", "Line breaks and control characters are not allowed here.");
        }

        var email = ContactCsv.ValidEmail(input.Email ?? "");
        if (string.IsNullOrWhiteSpace(input.Email))
        {
            errors["Email"] = "Give the contact's e-mail address.";
        }
        else if (email is null)
        {
            errors["Email"] = "This is not an e-mail address.";
        }
        else if (await db.PressContacts.AnyAsync(c => c.EmailKey == ContactImporter.Key(email) && c.Id != (id ?? 0), cancellationToken))
        {
            errors["Email"] = "Another contact already has this address.";
        }

        if (!LanguageChoices.Contains(input.Languages ?? ""))
        {
            errors["Languages"] = "Choose the languages from the list.";
        }

        if (!Enum.IsDefined(input.ConsentBasis))
        {
            errors["ConsentBasis"] = "Choose the legal basis from the list.";
        }

        var lists = input.ListIds ?? [];
        if (lists.Count > 0)
        {
            var known = await db.PressLists.Where(l => lists.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
            if (lists.Except(known).Any())
            {
                errors["ListIds"] = "Choose lists from those shown.";
            }
        }

        return errors;
    }

    /// <summary>Creates (no id) or updates a contact; null contact and the errors when the input breaks a rule.</summary>
    public async Task<Outcome> SaveAsync(int? id, ContactInput input, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(id, input, cancellationToken);
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var email = ContactCsv.ValidEmail(input.Email!)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var contact = id is { } existingId
            ? await db.PressContacts.Include(c => c.Lists).SingleAsync(c => c.Id == existingId, cancellationToken)
            : db.PressContacts.Add(ContactImporter.NewContact(email, input.Name!.Trim(), now)).Entity;
        contact.Name = input.Name!.Trim();
        contact.Email = email;
        contact.EmailKey = ContactImporter.Key(email);
        contact.Outlet = await OutletAsync(input.Outlet, cancellationToken);
        contact.Role = Blank(input.Role);
        contact.Phone = Blank(input.Phone);
        contact.Languages = input.Languages!;
        contact.Topics = Blank(input.Topics);
        contact.Notes = Blank(input.Notes);
        contact.ConsentBasis = input.ConsentBasis;
        contact.ConsentDate = input.ConsentDate;
        contact.UpdatedAt = now;
        var lists = input.ListIds ?? [];
        contact.Lists.RemoveAll(m => !lists.Contains(m.PressListId));
        foreach (var listId in lists.Distinct().Where(l => contact.Lists.All(m => m.PressListId != l)))
        {
            contact.Lists.Add(new PressListMember { PressListId = listId, PressContact = contact });
        }

        audit.Record(id is null ? "press.contact.created" : "press.contact.updated", contact.EmailKey);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(contact, errors);
    }

    /// <summary>Erasure (GDPR art. 17): the contact goes, and the sending history keeps no name or address. False when there is no such contact.</summary>
    public async Task<bool> EraseAsync(int id, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.FindAsync([id], cancellationToken);
        if (contact is null)
        {
            return false;
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
