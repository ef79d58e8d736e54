using System.ComponentModel.DataAnnotations;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetPasswordModel(UserManager<Account> users, IStringLocalizer<SharedResource> localizer, Audit.AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "The password is too long.")]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var account = await users.FindByEmailAsync(Email.Trim().ToLowerInvariant());
        var result = account is null
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = localizer["This link is not valid or has expired. Ask for a new one."] })
            : await users.ResetPasswordAsync(account, Token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : nameof(Password), error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // A reset also ends every session opened with the old password.
        audit.Record(Audit.AuditActions.PasswordReset, $"account:{account!.Email}", actorId: account.Id, actorEmail: account.Email);
        await users.UpdateSecurityStampAsync(account);
        return Redirect("/login?reset=true");
    }
}
