using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Accounts;

/// <summary>The invited person chooses a name and password; the link then stops working.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class AcceptInvitationModel(CollectifDb db, InvitePerson invitations, UserManager<Account> users, SignInManager<Account> signIn, TimeProvider clock, Audit.AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(200, ErrorMessage = "The name is too long (at most {1} characters).")]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "The password is too long.")]
    public string Password { get; set; } = "";

    public string Email { get; private set; } = "";
    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindOpenAsync(token, cancellationToken);
        return invitation is null ? Refused() : Show(invitation);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindOpenAsync(token, cancellationToken);
        if (invitation is null)
        {
            return Refused();
        }

        Email = invitation.Email;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Single use, even when two tabs submit at once: only one update finds it still open.
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null).ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Refused();
        }

        var account = new Account { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = DisplayName.Trim(), CreatedAt = now };
        var created = await users.CreateAsync(account, Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (invitation.RoleList.Count > 0)
        {
            await users.AddToRolesAsync(account, invitation.RoleList);
        }

        foreach (var organizationId in invitation.OrganizationIdList)
        {
            db.Delegations.Add(new Delegation { AccountId = account.Id, OrganizationId = organizationId, GrantedAt = now });
        }

        await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.AccountId, account.Id), cancellationToken);
        audit.Record(Audit.AuditActions.AccountCreated, $"account:{account.Email}", $"roles: {invitation.Roles}; organizations: {invitation.OrganizationIds}", account.Id, account.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await signIn.SignInAsync(account, isPersistent: false);
        return invitation.RoleList.Contains(Roles.Administrator) ? Redirect("/account/two-factor") : Redirect("/account");
    }

    private PageResult Show(Invitation invitation)
    {
        Email = invitation.Email;
        return Page();
    }

    private PageResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
