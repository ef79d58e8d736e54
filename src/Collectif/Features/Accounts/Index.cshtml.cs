using Collectif.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Accounts;

public sealed class IndexModel(CollectifDb db, UserManager<Account> users, SignInManager<Account> signIn, Audit.AuditLog audit) : PageModel
{
    public Account Account { get; private set; } = null!;
    public IList<string> Roles { get; private set; } = [];
    public IReadOnlyList<string> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Redirect("/login");
        }

        Account = account;
        Roles = await users.GetRolesAsync(account);
        Organizations = await db.Delegations.Where(d => d.AccountId == account.Id).Select(d => d.Organization!.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>A new security stamp invalidates every cookie issued before it.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is not null)
        {
            audit.Record(Audit.AuditActions.SignedOutEverywhere, $"account:{account.Email}");
            await users.UpdateSecurityStampAsync(account);
        }

        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
