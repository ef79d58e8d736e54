using System.Security.Claims;
using System.Security.Cryptography;
using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Api;

/// <summary>Creates and revokes personal API tokens, and says which scopes an account can use.</summary>
public sealed class ApiTokens(CollectifDb db, IAuthorizationService authorization, AuditLog audit, TimeProvider clock)
{
    public static readonly int[] ExpiryDays = [30, 90, 365, 0];

    /// <summary>The scopes worth giving this account: a scope its roles cannot use would only fail later.</summary>
    public async Task<ApiScopes> UsableScopesAsync(ClaimsPrincipal user, int accountId, CancellationToken cancellationToken)
    {
        var scopes = ApiScopes.Read;
        if (AuthorizationPolicies.IsAdministrator(user) || await db.Delegations.AnyAsync(d => d.AccountId == accountId, cancellationToken))
        {
            scopes |= ApiScopes.SignOn;
        }

        if ((await authorization.AuthorizeAsync(user, AuthorizationPolicies.Editors)).Succeeded)
        {
            scopes |= ApiScopes.Petitions;
        }

        if ((await authorization.AuthorizeAsync(user, AuthorizationPolicies.Press)).Succeeded)
        {
            scopes |= ApiScopes.Press;
        }

        return scopes;
    }

    /// <summary>A new token; the returned text is the only time anyone sees it.</summary>
    public async Task<string> CreateAsync(int accountId, string name, ApiScopes scopes, int expiryDays, CancellationToken cancellationToken)
    {
        var secret = ApiToken.Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        db.ApiTokens.Add(new ApiToken
        {
            AccountId = accountId,
            Name = name,
            Hint = secret[..10],
            Hash = ApiTokenAuthentication.HashOf(secret),
            Scopes = scopes,
            CreatedAt = now,
            ExpiresAt = expiryDays > 0 ? now.AddDays(expiryDays) : null,
        });
        audit.Record(AuditActions.ApiTokenCreated, $"account:{accountId}", $"{name} ({scopes})");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task<bool> RevokeAsync(int accountId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == accountId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.ApiTokenRevoked, $"account:{accountId}", token.Name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

}
