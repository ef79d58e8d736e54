using System.ComponentModel.DataAnnotations;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

/// <summary>Second step of signing in: an authenticator code or a single-use recovery code.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginTwoFactorModel(SignInManager<Account> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(20, ErrorMessage = "The code is too long.")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/login"); // the first step expired or never happened
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        // Six digits come from the app; anything else is a recovery code ("A1B2C-3D4E5").
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant());
        if (result.Succeeded)
        {
            return await LoginModel.AfterSignInAsync(signIn, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null);
        }

        ModelState.AddModelError(string.Empty, localizer["This code is not valid. After 5 failed attempts, signing in is blocked for 15 minutes."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
