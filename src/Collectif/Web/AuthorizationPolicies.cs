namespace Collectif.Web;

public static class AuthorizationPolicies
{
    public const string Administrator = "Administrator";
    public const string AdministratorClaim = "collectif:administrator";
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
}
