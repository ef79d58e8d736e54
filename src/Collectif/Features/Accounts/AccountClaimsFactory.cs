using System.Security.Claims;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Accounts;

/// <summary>Adds to the sign-in cookie whether the account uses two-factor authentication (administrators must).</summary>
public sealed class AccountClaimsFactory(UserManager<Account> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<int>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, Microsoft.AspNetCore.Identity.IdentityRole<int>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(AuthorizationPolicies.TwoFactorClaim, "true"));
        }

        return identity;
    }
}
