namespace Collectif.Web;

/// <summary>
/// Strict headers on every response. The CSP allows only our own origin: pages load no
/// third-party script, style, font or image (readers' privacy), and inline script is refused.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string PolicyOverride = "collectif:csp";
    private const string FramingAllowed = "collectif:framing";

    /// <summary>
    /// A stricter or differently framed policy for one response (the sandboxed e-mail preview,
    /// shown in a frame of our own pages). Set before the response starts.
    /// </summary>
    public static void Override(HttpContext context, string contentSecurityPolicy) => context.Items[PolicyOverride] = contentSecurityPolicy;

    /// <summary>
    /// The embeddable widget: other sites may frame it, as its policy's <c>frame-ancestors</c>
    /// says; no X-Frame-Options (it knows only one origin, and would override nothing useful).
    /// </summary>
    public static void AllowFraming(HttpContext context, string contentSecurityPolicy)
    {
        Override(context, contentSecurityPolicy);
        context.Items[FramingAllowed] = true;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var custom = context.Items[PolicyOverride] as string;
                headers.ContentSecurityPolicy = custom ?? ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                if (context.Items[FramingAllowed] is not true)
                {
                    headers.XFrameOptions = custom is null ? "DENY" : "SAMEORIGIN";
                }

                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
