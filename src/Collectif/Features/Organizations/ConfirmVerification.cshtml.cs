using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Collectif.Features.Organizations;

/// <summary>
/// The mailed link. Opening it only shows a button: mail scanners follow links, so confirming takes
/// a POST by the person who reads the mailbox.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ConfirmVerificationModel(VerifyOrganization verify) : PageModel
{
    public Organization? VerifiedOrganization { get; private set; }
    public bool Invalid { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var (outcome, organization) = await verify.ConfirmEmailAsync(token, cancellationToken);
        if (outcome != VerifyOrganization.Outcome.Verified)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        VerifiedOrganization = organization;
        return Page();
    }
}
