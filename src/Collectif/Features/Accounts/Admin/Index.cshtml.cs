using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts.Admin;

/// <summary>The secretariat sees who has an account and invites people, with roles and delegations.</summary>
public sealed class IndexModel(CollectifDb db, InvitePerson invite, UserManager<Account> users, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class InviteForm
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
        public string Email { get; set; } = "";

        public List<string> Roles { get; set; } = [];
        public List<int> OrganizationIds { get; set; } = [];
        public string Language { get; set; } = "fr";
    }

    public sealed record AccountLine(int Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Organizations, bool TwoFactor);

    public sealed record OrganizationChoice(int Id, string Name, string? Acronym);

    [BindProperty]
    public InviteForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "invited")]
    public string? InvitedEmail { get; set; }

    public IReadOnlyList<AccountLine> Accounts { get; private set; } = [];
    public IReadOnlyList<Invitation> PendingInvitations { get; private set; } = [];
    public IReadOnlyList<OrganizationChoice> Organizations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = (Form.Email ?? "").Trim().ToLowerInvariant();
        if (Form.Roles.Any(r => !KnownRoles.Contains(r)))
        {
            ModelState.AddModelError("Form.Roles", localizer["Unknown role."]);
        }

        var known = await db.Organizations.Where(o => Form.OrganizationIds.Contains(o.Id) && o.MergedIntoId == null).CountAsync(cancellationToken);
        if (known != Form.OrganizationIds.Distinct().Count())
        {
            ModelState.AddModelError("Form.OrganizationIds", localizer["One of these organizations no longer exists."]);
        }

        if (Form.Roles.Count == 0 && Form.OrganizationIds.Count == 0)
        {
            ModelState.AddModelError("Form.Roles", localizer["Choose at least one role or one organization to represent."]);
        }

        if (ModelState.IsValid && await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Form.Email", localizer["This person already has an account."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var inviter = await users.GetUserAsync(User);
        await invite.InviteAsync(new InvitePerson.Request(email, Form.Roles, Form.OrganizationIds, inviter?.Id, Form.Language, $"{Request.Scheme}://{Request.Host}"), cancellationToken);
        return Redirect($"/admin/accounts?invited={Uri.EscapeDataString(email)}");
    }

    private static readonly HashSet<string> KnownRoles = [.. Roles.All];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Email).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var delegations = await db.Delegations.Select(d => new { d.AccountId, d.Organization!.Name }).ToListAsync(cancellationToken);
        Accounts = accounts.Select(a => new AccountLine(
            a.Id, a.Email ?? "", a.DisplayName,
            roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).ToList(),
            delegations.Where(d => d.AccountId == a.Id).Select(d => d.Name).ToList(),
            a.TwoFactorEnabled)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        PendingInvitations = await db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.ExpiresAt > now).OrderBy(i => i.Email).ToListAsync(cancellationToken);
        Organizations = await db.Organizations.AsNoTracking().Search(null, null).Select(o => new OrganizationChoice(o.Id, o.Name, o.Acronym)).ToListAsync(cancellationToken);
    }
}
