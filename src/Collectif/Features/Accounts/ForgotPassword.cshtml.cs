using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Email;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>Sends a password-reset link through the outbox; answers the same whether the address has an account or not.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotPasswordModel(CollectifDb db, UserManager<Account> users, TimeProvider clock, OutboxSignal outbox, IOptions<EmailOptions> email, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

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

        var address = Email.Trim().ToLowerInvariant();
        var account = await users.FindByEmailAsync(address);
        if (account is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            var baseUrl = (email.Value.PublicBaseUrl ?? $"{Request.Scheme}://{Request.Host}").TrimEnd('/');
            var link = $"{baseUrl}/reset-password?email={Uri.EscapeDataString(address)}&token={Uri.EscapeDataString(token)}";
            var text = string.Join("\n\n",
                localizer["Hello,"],
                localizer["Someone asked to choose a new password for your account. To do so, open this link within two hours:"] + "\n" + link,
                localizer["If it was not you, ignore this message: your password does not change."]);
            db.OutboxMessages.Add(OutboxMessage.Create(address, localizer["Choose a new password"], text, clock.GetUtcNow().UtcDateTime, reference: "password-reset"));
            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
        }

        Sent = true;
        return Page();
    }
}
