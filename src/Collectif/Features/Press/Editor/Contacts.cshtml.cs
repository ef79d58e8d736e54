using Collectif.Data;
using Collectif.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press.Editor;

public sealed record ContactLine(int Id, string Name, string Email, string? Outlet, string? Role, string Languages, bool Unsubscribed, bool Bounced);

/// <summary>/editor/press/contacts: the press officers' address book, searchable and filtered by list.</summary>
public sealed class ContactsModel(CollectifDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? List { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ContactLine> Contacts { get; private set; } = [];
    public IReadOnlyList<PressList> Lists { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Contacts of a list, and matching words in the name, address, outlet or beats (the page and the API).</summary>
    public static IQueryable<PressContact> Filter(IQueryable<PressContact> query, int? list, string? q)
    {
        if (list is { } listId)
        {
            query = query.Where(c => c.Lists.Any(m => m.PressListId == listId));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            var key = TextKey.Normalize(q);
#pragma warning disable CA1862 // translated to SQL lower(): the comparison overloads are not
            query = query.Where(c => c.EmailKey.Contains(words) || c.Name.ToLower().Contains(words) || (c.Outlet != null && c.Outlet.NameKey.Contains(key)) || (c.Topics != null && c.Topics.ToLower().Contains(words)));
#pragma warning restore CA1862
        }

        return query;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken);
        var query = Filter(db.PressContacts.AsNoTracking(), List, Q);
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Contacts = await query.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new ContactLine(c.Id, c.Name, c.Email, c.Outlet != null ? c.Outlet.Name : null, c.Role, c.Languages, c.UnsubscribedAt != null, c.BouncedAt != null))
            .ToListAsync(cancellationToken);
    }
}
