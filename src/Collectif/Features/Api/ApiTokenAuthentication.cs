using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Collectif.Data;
using Collectif.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Api;

/// <summary>
/// <c>Authorization: Bearer clf_…</c>: the token's account, with the same roles and two-factor claim
/// as its sign-in cookie, plus one <c>collectif:scope</c> claim per scope. Only API endpoints ask for
/// this scheme; pages keep the cookie, so a token never opens a page and a cookie never writes
/// through the API (which therefore needs no antiforgery token).
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CollectifDb db, UserManager<Account> users, IUserClaimsPrincipalFactory<Account> principals, TimeProvider clock, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "collectif:scope";
    public const string TokenClaim = "collectif:token";

    /// <summary>Set by <see cref="ScopeRequirement"/> when a token lacks the scope, for the 403's detail.</summary>
    public const string MissingScopeItem = "collectif:missing-scope";

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The header OSDI clients (Action Network's among them) send their key in.</summary>
    public const string OsdiHeader = "OSDI-API-Token";

    /// <summary>
    /// The token of <c>Authorization: Bearer …</c>, or of <c>OSDI-API-Token</c> so OSDI tools work
    /// unchanged. Neither header is ever sent by a browser on its own, so a token never rides on a
    /// visitor's session the way a cookie would.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Headers[OsdiHeader].ToString() is { Length: > 0 } osdi ? osdi.Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!token.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("This is not a Collectif API token (they start with clf_).");
        }

        var hash = HashOf(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.ApiTokens.Include(t => t.Account).FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (record?.Account is not { } account || !record.IsActive(now))
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }

        if (await users.IsLockedOutAsync(account))
        {
            return AuthenticateResult.Fail("The token's account is locked.");
        }

        // One write a minute at most: last use is for people reviewing their tokens, not an audit trail.
        if (record.LastUsedAt is null || now - record.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == record.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var principal = await principals.CreateAsync(account);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(TokenClaim, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var scope in Enum.GetValues<ApiScopes>().Where(s => s != ApiScopes.None && record.Scopes.HasFlag(s)))
        {
            identity.AddClaim(new Claim(ScopeClaim, ScopeName(scope)));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API token needed",
                Detail = failure ?? "Send a personal API token (Account → API tokens) in the header Authorization: Bearer clf_….",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var scope = Context.Items[MissingScopeItem] as string;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed",
                Detail = scope is not null
                    ? $"This token does not have the '{scope}' scope. Create a token with it on your account page."
                    : "The token's account may not do this: it needs the same role as on the site.",
            },
        });
    }

    public static string ScopeName(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "read",
        ApiScopes.SignOn => "sign-on",
        ApiScopes.Petitions => "petitions",
        ApiScopes.Press => "press",
        _ => scope.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// An API endpoint's rule: the token has this scope, and its account passes the policy the same
/// action has on the site (Editors, Press…), so a token never does more than its owner could.
/// </summary>
public sealed class ScopeRequirement(ApiScopes scope, string? sitePolicy) : IAuthorizationRequirement
{
    public ApiScopes Scope { get; } = scope;
    public string? SitePolicy { get; } = sitePolicy;

    // IAuthorizationService is taken from the request, not the constructor: it is built from the handlers, this one included.
    public sealed class Handler(IHttpContextAccessor http) : AuthorizationHandler<ScopeRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            if (!context.User.HasClaim(ApiTokenAuthentication.ScopeClaim, ApiTokenAuthentication.ScopeName(requirement.Scope)))
            {
                if (http.HttpContext is { } httpContext && context.User.Identity?.IsAuthenticated == true)
                {
                    httpContext.Items[ApiTokenAuthentication.MissingScopeItem] = ApiTokenAuthentication.ScopeName(requirement.Scope);
                }

                return;
            }

            if (requirement.SitePolicy is null
                || (http.HttpContext?.RequestServices.GetRequiredService<IAuthorizationService>() is { } authorization
                    && (await authorization.AuthorizeAsync(context.User, requirement.SitePolicy)).Succeeded))
            {
                context.Succeed(requirement);
            }
        }
    }
}

public static class ApiAuthorization
{
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder, ApiScopes scope, string? sitePolicy = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scope, sitePolicy)))
            .WithMetadata(new TokenScopeMetadata(scope));
}

/// <summary>Marks an endpoint as needing a token with a scope, for the OpenAPI document.</summary>
public sealed record TokenScopeMetadata(ApiScopes Scope);
