using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(CollectifDb db, IPasswordHasher<Account> hasher, IStringLocalizer<SharedResource> localizer) : PageModel
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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var email = Email.Trim().ToLowerInvariant();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        var verified = account is not null && hasher.VerifyHashedPassword(account, account.PasswordHash, Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            // Same answer whether the address exists or not.
            ModelState.AddModelError(string.Empty, localizer["Wrong e-mail address or password."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, account.Email),
        };
        if (account.IsAdministrator)
        {
            claims.Add(new Claim(AuthorizationPolicies.AdministratorClaim, "true"));
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }
}
