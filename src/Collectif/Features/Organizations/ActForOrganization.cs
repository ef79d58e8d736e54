using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

/// <summary>
/// May this person act for this organization? Its delegates may; administrators (with two factors)
/// may act for any. Checked against the organization itself: <c>AuthorizeAsync(User, organization, ActForOrganization.Policy)</c>.
/// </summary>
public sealed class ActForOrganization : IAuthorizationRequirement
{
    public const string Policy = "ActForOrganization";

    public sealed class Handler(CollectifDb db) : AuthorizationHandler<ActForOrganization, Organization>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActForOrganization requirement, Organization resource)
        {
            if (AuthorizationPolicies.IsAdministrator(context.User))
            {
                context.Succeed(requirement);
                return;
            }

            if (int.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var accountId)
                && await db.Delegations.AnyAsync(d => d.AccountId == accountId && d.OrganizationId == resource.Id))
            {
                context.Succeed(requirement);
            }
        }
    }
}
