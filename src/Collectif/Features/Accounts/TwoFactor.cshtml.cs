using System.ComponentModel.DataAnnotations;
using System.Text;
using Collectif.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Collectif.Features.Accounts;

/// <summary>Enrols an authenticator app (TOTP, RFC 6238) and shows ten single-use recovery codes once.</summary>
public sealed class TwoFactorModel(CollectifDb db, UserManager<Account> users, SignInManager<Account> signIn, IStringLocalizer<SharedResource> localizer, Audit.AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(7, ErrorMessage = "The code is too long.")]
    public string Code { get; set; } = "";

    public string FormattedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public bool Required { get; private set; }
    public bool Enabled { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Redirect("/login");
        }

        await PrepareAsync(account);
        return Page();
    }

    /// <summary>Replaces the recovery codes (the old ones stop working), e.g. when they were used up or exposed.</summary>
    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.TwoFactorEnabled)
        {
            return Redirect("/account/two-factor");
        }

        Enabled = true;
        audit.Record(Audit.AuditActions.RecoveryCodesRenewed, $"account:{account.Email}");
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10) ?? []).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Redirect("/login");
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (account.TwoFactorEnabled)
        {
            return Redirect("/account/two-factor");
        }

        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(string.Empty, localizer["This code is not valid. Check the time on your phone and try the next code."]);
            }

            await PrepareAsync(account);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        audit.Record(Audit.AuditActions.TwoFactorEnabled, $"account:{account.Email}"); // saved with the change below
        await users.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10) ?? []).ToList();
        await signIn.RefreshSignInAsync(account); // the cookie now says two factors
        return Page();
    }

    private async Task PrepareAsync(Account account)
    {
        Required = !account.TwoFactorEnabled && await users.IsInRoleAsync(account, Roles.Administrator);
        Enabled = account.TwoFactorEnabled;
        if (Enabled)
        {
            return; // viewing the page never changes a working authenticator
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        FormattedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var coalition = await db.Coalitions.AsNoTracking().Select(c => c.Acronym).FirstOrDefaultAsync() ?? "Collectif";
        var uri = $"otpauth://totp/{Uri.EscapeDataString(coalition)}:{Uri.EscapeDataString(account.Email ?? "")}?secret={key}&issuer={Uri.EscapeDataString(coalition)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Encoding.UTF8.GetBytes(uri), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }
}
