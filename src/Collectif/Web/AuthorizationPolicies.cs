namespace Collectif.Web;

public static class AuthorizationPolicies
{
    /// <summary>The secretariat, signed in with two factors.</summary>
    public const string Administrator = "Administrator";

    public const string SignedIn = "SignedIn";

    /// <summary>Editors, and administrators (with two factors): draft, revise and publish statements.</summary>
    public const string Editors = "Editors";

    /// <summary>Editors, administrators and observers: read drafts and their history, change nothing.</summary>
    public const string ReadDrafts = "ReadDrafts";

    /// <summary>Press officers and administrators (with two factors): media contacts and distributions.</summary>
    public const string Press = "Press";

    /// <summary>Present in the sign-in cookie when the account uses two-factor authentication.</summary>
    public const string TwoFactorClaim = "collectif:2fa";

    /// <summary>What the Administrator policy requires, for pages deciding whether to show administration links.</summary>
    public static bool IsAdministrator(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Features.Accounts.Roles.Administrator) && user.HasClaim(TwoFactorClaim, "true");
}

public static class RateLimits
{
    /// <summary>Sign-in, two-factor codes, password reset and invitation acceptance (POSTs only).</summary>
    public const string SignIn = "sign-in";

    /// <summary>Requests per minute and API token (per instance: each instance counts its own).</summary>
    public const string ApiToken = "api-token";

    /// <summary>Public sign forms (POSTs only): a few processed at once, the others wait their turn.</summary>
    public const string SignatureIntake = "signature-intake";
}
