using System.Globalization;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Web;

/// <summary>
/// The application's own map, for tests that must cover all of it (fuzzing, the security sweep):
/// its routes from the route table, real values for their parameters, and the forms its pages show.
/// A route added tomorrow is covered without anyone listing it.
/// </summary>
internal static partial class SiteMap
{
    /// <summary>Every route but the test-only ones.</summary>
    public static List<RouteEndpoint> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Pattern(e).StartsWith("/test/", StringComparison.Ordinal) && !Pattern(e).StartsWith("/api/test/", StringComparison.Ordinal))
            .ToList();

    public static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>Razor pages carry no method metadata: they answer GET and POST (their handlers).</summary>
    public static bool IsPage(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is null;

    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];

    /// <summary>Slugs, ids and tokens that exist, so requests reach the code behind the route, not only its 404.</summary>
    public static async Task<Dictionary<string, string>> RealValuesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>();
        return new Dictionary<string, string>
        {
            ["statement"] = await db.Statements.Where(s => s.Kind == StatementKind.Communique).Select(s => s.Slug).FirstAsync(),
            ["petition"] = await db.Statements.Where(s => s.Kind == StatementKind.Petition).Select(s => s.Slug).FirstOrDefaultAsync()
                ?? await db.Statements.Select(s => s.Slug).FirstAsync(),
            ["release"] = await db.Statements.Where(s => s.Kind == StatementKind.PressRelease).Select(s => s.Slug).FirstOrDefaultAsync()
                ?? await db.Statements.Select(s => s.Slug).FirstAsync(),
            ["organization"] = await db.Organizations.Select(o => o.Slug).FirstAsync(),
            ["mobilization"] = await db.Mobilizations.Select(m => m.Slug).FirstOrDefaultAsync() ?? "none",
            // Another person than the one signed in: the administrator's own account page could lock the test out.
            ["account"] = (await db.Users.OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync()).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The route's path with real values, or with one parameter set to <paramref name="hostile"/>.</summary>
    public static string Fill(RouteEndpoint endpoint, Dictionary<string, string> values, (string Name, string Value)? hostile = null)
    {
        var pattern = Pattern(endpoint);
        var path = pattern;
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var value = hostile is { } h && h.Name == parameter.Name ? h.Value : parameter.Name switch
            {
                "slug" when pattern.Contains("organizations", StringComparison.Ordinal) => values["organization"],
                "slug" when pattern.Contains("mobilizations", StringComparison.Ordinal) => values["mobilization"],
                "slug" when pattern.Contains("press/releases", StringComparison.Ordinal) => values["release"],
                "slug" when pattern.Contains("petition", StringComparison.Ordinal) || pattern.Contains("widget", StringComparison.Ordinal) => values["petition"],
                "slug" => values["statement"],
                "id" when pattern.Contains("accounts", StringComparison.Ordinal) => values["account"], // another person: the administrator's own account page could lock the test out
                "lang" or "language" or "culture" => "fr",
                "documentName" => "v1",
                "kind" => "communique",
                "city" => "paris",
                "code" => "404",
                _ => "1",
            };
            var raw = endpoint.RoutePattern.RawText!;
            var segment = raw[raw.IndexOf("{" + parameter.Name, StringComparison.Ordinal)..];
            segment = segment[..(FindClosingBrace(segment) + 1)];
            path = path.Replace(segment, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }

    // A constraint such as {lang:regex(^(fr|en)$)} holds parentheses and braces of its own.
    private static int FindClosingBrace(string segment)
    {
        var depth = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            depth += segment[i] switch { '{' or '(' => 1, '}' or ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return segment.Length - 1;
    }

    /// <summary>Addresses that would end the session the test works in.</summary>
    public static bool EndsTheSession(string action) =>
        action.Contains("logout", StringComparison.OrdinalIgnoreCase) || action.Contains("/account/", StringComparison.OrdinalIgnoreCase);
}
