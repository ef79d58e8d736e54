using Collectif.Data;
using Collectif.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Accounts;

/// <summary>GET /api/me — who a token acts as, so a program can check its token before it writes.</summary>
public static class AccountApi
{
    public sealed record TokenOwner(string? Email, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Organizations, IReadOnlyList<string> Scopes, string Token, DateTime? TokenExpiresAt);

    public static void MapAccountApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me", MeAsync)
            .WithTags("Account")
            .WithSummary("The token's account: roles, organizations it is a delegate of, the token's scopes")
            .RequireToken(ApiScopes.Read)
            .RequireRateLimiting(Web.RateLimits.ApiToken);

    private static async Task<Ok<TokenOwner>> MeAsync(HttpContext context, CollectifDb db, CancellationToken cancellationToken)
    {
        var user = context.User;
        var accountId = int.Parse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var tokenId = int.Parse(user.FindFirst(ApiTokenAuthentication.TokenClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        var token = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId, cancellationToken);
        var organizations = await db.Delegations.AsNoTracking().Where(d => d.AccountId == accountId).Select(d => d.Organization!.Slug).OrderBy(s => s).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TokenOwner(
            account.Email, account.DisplayName,
            user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
            organizations,
            user.FindAll(ApiTokenAuthentication.ScopeClaim).Select(c => c.Value).ToList(),
            token.Name, token.ExpiresAt));
    }
}
