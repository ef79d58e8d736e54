using System.ComponentModel.DataAnnotations;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<Account> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "The password is too long.")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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

        var result = await signIn.PasswordSignInAsync(Email.Trim().ToLowerInvariant(), Password, isPersistent: false, lockoutOnFailure: true);
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/LoginTwoFactor", new { ReturnUrl = returnUrl });
        }

        if (result.Succeeded)
        {
            return await AfterSignInAsync(signIn, returnUrl);
        }

        // One message for wrong password, unknown address and locked account: nothing to learn from it.
        ModelState.AddModelError(string.Empty, localizer["Wrong e-mail address or password. After 5 failed attempts, signing in is blocked for 15 minutes."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Administrators without a second factor go to enrol one before anything else.</summary>
    internal static async Task<IActionResult> AfterSignInAsync(SignInManager<Account> signIn, string? returnUrl)
    {
        var principal = signIn.Context.User;
        var account = await signIn.UserManager.GetUserAsync(principal);
        if (account is not null && !account.TwoFactorEnabled && await signIn.UserManager.IsInRoleAsync(account, Roles.Administrator))
        {
            return new RedirectResult("/account/two-factor");
        }

        return new LocalRedirectResult(returnUrl ?? (account is not null && await signIn.UserManager.IsInRoleAsync(account, Roles.Administrator) ? "/admin" : "/account"));
    }
}
