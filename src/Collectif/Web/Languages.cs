using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Collectif.Web;

/// <summary>The UI languages, and the switch between them (cookie first, then Accept-Language).</summary>
public static class Languages
{
    public static readonly string[] Supported = ["fr", "en"];
    public const string Default = "fr";

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";

    /// <param name="cookieName">The language cookie's name: <c>__Host-collectif.lang</c> when cookies are secure, like the other cookies.</param>
    public static RequestLocalizationOptions Options(string cookieName)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Default)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        // Cookie, then the browser's languages; no query string: URLs stay the same in both languages.
        // The embeddable widget names its language in its address (/widget/en/…): it lives in other
        // sites' pages, where our language cookie is a third-party cookie the browser may not send.
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context =>
            {
                var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
                return Task.FromResult(segments is ["widget", var language, ..] && Supported.Contains(language) ? new ProviderCultureResult(language) : null);
            }),
            new CookieRequestCultureProvider { CookieName = cookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>GET /language/{culture}?returnUrl=… — a plain link, so it works without JavaScript.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder endpoints, string cookieName, bool secure) =>
        endpoints.MapGet("/language/{culture}", (HttpContext context, string culture, string? returnUrl) =>
        {
            if (!Supported.Contains(culture))
            {
                return Results.Problem(statusCode: 404, title: "Unknown language", detail: "Supported languages are fr and en.");
            }

            context.Response.Cookies.Append(
                cookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = secure || context.Request.IsHttps, Path = "/" });
            // Only local paths: an open redirect would let others borrow our address.
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
