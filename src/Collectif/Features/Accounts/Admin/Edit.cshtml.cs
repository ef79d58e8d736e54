using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts.Admin;

/// <summary>The secretariat changes a person's roles and delegations, blocks or unblocks the account, resets its second factor.</summary>
public sealed class EditModel(CollectifDb db, UserManager<Account> users, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record OrganizationChoice(int Id, string Name, string? Acronym);

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty]
    public List<int> OrganizationIds { get; set; } = [];

    public Account Account { get; private set; } = null!;
    public bool Locked { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        SelectedRoles = [.. await users.GetRolesAsync(Account)];
        OrganizationIds = await db.Delegations.Where(d => d.AccountId == id).Select(d => d.OrganizationId).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var roles = SelectedRoles.Distinct().ToList();
        if (roles.Any(r => !Roles.All.Contains(r)))
        {
            ModelState.AddModelError(nameof(SelectedRoles), localizer["Unknown role."]);
        }

        var current = await users.GetRolesAsync(Account);
        if (current.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator))
        {
            if (IsSelf)
            {
                ModelState.AddModelError(nameof(SelectedRoles), localizer["You cannot remove your own administrator role."]);
            }
            else if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count <= 1)
            {
                ModelState.AddModelError(nameof(SelectedRoles), localizer["The coalition needs at least one administrator."]);
            }
        }

        var known = await db.Organizations.Where(o => OrganizationIds.Contains(o.Id) && o.MergedIntoId == null).Select(o => o.Id).ToListAsync(cancellationToken);
        if (known.Count != OrganizationIds.Distinct().Count())
        {
            ModelState.AddModelError(nameof(OrganizationIds), localizer["One of these organizations no longer exists."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemoveFromRolesAsync(Account, current.Except(roles));
        await users.AddToRolesAsync(Account, roles.Except(current));
        var delegations = await db.Delegations.Where(d => d.AccountId == id).ToListAsync(cancellationToken);
        db.Delegations.RemoveRange(delegations.Where(d => !known.Contains(d.OrganizationId)));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var organizationId in known.Where(o => delegations.All(d => d.OrganizationId != o)))
        {
            db.Delegations.Add(new Delegation { AccountId = id, OrganizationId = organizationId, GrantedAt = now });
        }

        audit.Record(AuditActions.AccountRolesChanged, $"account:{Account.Email}", $"roles: {string.Join(',', roles)}; organizations: {string.Join(',', known)}");
        await db.SaveChangesAsync(cancellationToken);
        // New rights apply at the person's next request, not at their next sign-in.
        await users.UpdateSecurityStampAsync(Account);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/admin/accounts/{id}");
    }

    public Task<IActionResult> OnPostLockAsync(int id, CancellationToken cancellationToken) => ChangeAccessAsync(id, AuditActions.AccountBlocked, async () =>
    {
        await users.SetLockoutEnabledAsync(Account, true);
        await users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(Account); // ends their sessions
    }, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken cancellationToken) => ChangeAccessAsync(id, AuditActions.AccountUnblocked, async () =>
    {
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
    }, cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(int id, CancellationToken cancellationToken) => ChangeAccessAsync(id, AuditActions.TwoFactorReset, async () =>
    {
        await users.SetTwoFactorEnabledAsync(Account, false);
        await users.ResetAuthenticatorKeyAsync(Account);
        await users.UpdateSecurityStampAsync(Account);
    }, cancellationToken);

    private async Task<IActionResult> ChangeAccessAsync(int id, string action, Func<Task> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, localizer["You cannot block yourself or reset your own second factor here."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            SelectedRoles = [.. await users.GetRolesAsync(Account)];
            return Page();
        }

        audit.Record(action, $"account:{Account.Email}"); // saved by the first change below
        await change();
        return Redirect($"/admin/accounts/{id}");
    }

    private bool IsSelf => users.GetUserId(User) == Account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (account is null)
        {
            return false;
        }

        Account = account;
        Locked = account.LockoutEnd is { } end && end > clock.GetUtcNow().AddYears(1);
        Organizations = await db.Organizations.AsNoTracking().Search(null, null).Select(o => new OrganizationChoice(o.Id, o.Name, o.Acronym)).ToListAsync(cancellationToken);
        return true;
    }
}
