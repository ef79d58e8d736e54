using System.Net;
using System.Text;
using Collectif.Features.Accounts;

namespace Collectif.Tests.Web;

/// <summary>
/// The security rules checked on the whole site at once, from the route table and the forms the
/// pages show (as an administrator and as a visitor): strict headers and safe cookies on every
/// answer, antiforgery on every form and no cookie-only power on any unsafe API method, and no
/// redirect to another site whatever a link or form asks.
/// </summary>
public sealed class SecuritySweepTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DemoApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    /// <summary>
    /// Forms (by the start of their route) that take no antiforgery token on purpose, and why. Any other form doing so fails the sweep.
    /// </summary>
    private static readonly Dictionary<string, string> FormsWithoutAntiforgery = new(StringComparer.Ordinal)
    {
        // Framed by other sites, whose pages cannot hold our token; it only starts a signature
        // that the signer confirms by e-mail, so a forged post can do nothing a visitor cannot.
        ["/widget/"] = "embeddable petition form",
    };

    /// <summary>Unsafe API methods that answer a cookie-only request on purpose, and why.</summary>
    private static readonly Dictionary<string, string> UnsafeEndpointsWithoutCredentials = new(StringComparer.Ordinal)
    {
        // RFC 8058 one-click: mail clients post without cookies; the 192-bit token in the address is the credential, and it can only stop mail.
        ["/press/unsubscribe/{token}/one-click"] = "one-click unsubscribe",
    };

    private static readonly string[] OffSiteTargets =
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "/%2F%2Fevil.example",
        "http://localhost@evil.example/",
        " //evil.example",
        "javascript:alert(1)",
    ];

    [Fact]
    public async Task Every_route_answers_with_strict_headers_and_every_cookie_is_host_only_secure_and_http_only()
    {
        var clients = await ClientsAsync();
        var values = await SiteMap.RealValuesAsync(app.Services);
        var failures = new List<string>();
        var answers = 0;

        foreach (var endpoint in SiteMap.Routes(app.Services).Where(e => SiteMap.Methods(e).Contains("GET")))
        {
            var path = SiteMap.Fill(endpoint, values);
            foreach (var (who, client) in clients)
            {
                using var response = await client.GetAsync(path);
                answers++;
                failures.AddRange(HeaderProblems(response).Select(p => $"GET {path} as {who} ({(int)response.StatusCode}): {p}"));
                // A page made for a signed-in person must never be kept by a shared cache and shown to the next reader.
                if (who == "administrator" && response.Content.Headers.ContentType?.MediaType == "text/html" && response.Headers.CacheControl is null or { Public: true } or { Private: false, NoStore: false })
                {
                    failures.Add($"GET {path} as {who}: an HTML page for a signed-in person is cacheable by others ({response.Headers.CacheControl?.ToString() ?? "no Cache-Control"})");
                }
            }
        }

        // Refusals are answers too: an unknown page, a forged form, an API call without a token.
        foreach (var (who, client) in clients)
        {
            foreach (var request in new[]
            {
                new HttpRequestMessage(HttpMethod.Get, "/no/such/page"),
                new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent([new("Email", "a@b.c")]) },
                new HttpRequestMessage(HttpMethod.Post, "/api/press/contacts") { Content = new StringContent("{}", Encoding.UTF8, "application/json") },
            })
            {
                using var response = await client.SendAsync(request);
                answers++;
                failures.AddRange(HeaderProblems(response).Select(p => $"{request.Method} {request.RequestUri} as {who} ({(int)response.StatusCode}): {p}"));
            }
        }

        Report(answers, "answers", failures);
        answers.ShouldBeGreaterThan(200);
    }

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_antiforgery_token_or_with_another_sessions()
    {
        var clients = await ClientsAsync();
        var values = await SiteMap.RealValuesAsync(app.Services);
        var failures = new List<string>();
        var forms = 0;
        var exempt = new HashSet<string>(StringComparer.Ordinal);

        foreach (var endpoint in SiteMap.Routes(app.Services).Where(SiteMap.IsPage))
        {
            var pattern = SiteMap.Pattern(endpoint);
            var path = SiteMap.Fill(endpoint, values);
            foreach (var (who, client) in clients)
            {
                // A token that is real, but another session's: the other client's, from its sign-in page or this one.
                var other = clients.First(c => c.Who != who).Client;
                foreach (var form in await SiteMap.PostFormsAsync(client, path))
                {
                    forms++;
                    var othersToken = await TokenAsync(other, path) ?? await TokenAsync(other, "/login");
                    var withoutToken = form.Fields.Where(f => f.Name != "__RequestVerificationToken").ToList();
                    foreach (var (how, fields) in new[]
                    {
                        ("without a token", withoutToken),
                        ("with another session's token", withoutToken.Append(new SiteMap.Field("__RequestVerificationToken", "hidden", othersToken!)).ToList()),
                    })
                    {
                        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = Body(form.Multipart, fields) });
                        // The antiforgery refusal, not any 400: a form re-shown with validation errors is a 400 too.
                        var refused = response.StatusCode == HttpStatusCode.BadRequest
                            && (await response.ReadDocumentAsync()).QuerySelector("h1")?.TextContent.Trim() is "This request could not be understood" or "Cette demande n’a pas pu être comprise";
                        if (refused)
                        {
                            continue;
                        }

                        if (FormsWithoutAntiforgery.Keys.FirstOrDefault(k => pattern.StartsWith(k, StringComparison.Ordinal)) is { } exemption)
                        {
                            exempt.Add(exemption);
                        }
                        else
                        {
                            failures.Add($"POST {form.Action} (form of {path}, {who}) {how} answered {(int)response.StatusCode} instead of the antiforgery refusal");
                        }
                    }
                }
            }
        }

        // Unsafe methods outside pages (the JSON API, the one-click unsubscribe): a session cookie alone,
        // and the form encodings another site can send without asking, give no power.
        var admin = clients.Single(c => c.Who == "administrator").Client;
        var unsafeEndpoints = 0;
        foreach (var endpoint in SiteMap.Routes(app.Services).Where(e => !SiteMap.IsPage(e)))
        {
            var pattern = SiteMap.Pattern(endpoint);
            foreach (var method in SiteMap.Methods(endpoint).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                unsafeEndpoints++;
                if (UnsafeEndpointsWithoutCredentials.ContainsKey(pattern))
                {
                    exempt.Add(pattern);
                    continue;
                }

                foreach (var content in new HttpContent[]
                {
                    new StringContent("{\"name\":\"Camille\",\"email\":\"camille@example.org\"}", Encoding.UTF8, "application/json"),
                    new FormUrlEncodedContent([new("name", "Camille"), new("email", "camille@example.org")]),
                    new StringContent("{\"name\":\"Camille\"}", Encoding.UTF8, "text/plain"),
                })
                {
                    var path = SiteMap.Fill(endpoint, values);
                    using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
                    var type = content.Headers.ContentType!.MediaType;
                    var refused = type == "application/json"
                        ? response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || IsAnonymousByDesign(pattern)
                        : (int)response.StatusCode is >= 400 and < 500;
                    if (!refused)
                    {
                        failures.Add($"{method} {path} with the administrator's session cookie and a {type} body answered {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{forms} forms and {unsafeEndpoints} unsafe API methods; exempt on purpose: {string.Join(", ", exempt)}");
        Report(forms, "forms", failures);
        forms.ShouldBeGreaterThan(40, "the forms of the site were found");
        unsafeEndpoints.ShouldBeGreaterThan(5);
        exempt.ShouldBe(FormsWithoutAntiforgery.Keys.Concat(UnsafeEndpointsWithoutCredentials.Keys), ignoreOrder: true, "each exemption is still needed (remove those that are not)");
    }

    // The public signing endpoints take anonymous JSON (the signature waits for its e-mail confirmation);
    // a cross-site page cannot send JSON without the browser asking first (CORS), and we answer no such question.
    private static bool IsAnonymousByDesign(string pattern) =>
        pattern is "/api/petitions/{slug}/signatures" or "/api/osdi/v1/petitions/{slug}/record_signature_helper";

    [Fact]
    public async Task No_link_or_form_redirects_to_another_site()
    {
        var clients = await ClientsAsync();
        var values = await SiteMap.RealValuesAsync(app.Services);
        var failures = new List<string>();
        var tried = 0;

        foreach (var endpoint in SiteMap.Routes(app.Services).Where(e => SiteMap.Methods(e).Contains("GET")))
        {
            var path = SiteMap.Fill(endpoint, values);
            if (SiteMap.EndsTheSession(path))
            {
                continue;
            }

            foreach (var target in OffSiteTargets)
            {
                var escaped = Uri.EscapeDataString(target);
                foreach (var (who, client) in clients)
                {
                    tried++;
                    using var response = await client.GetAsync($"{path}?returnUrl={escaped}&ReturnUrl={escaped}&redirect={escaped}&next={escaped}&url={escaped}");
                    if (OffSite(response) is { } location)
                    {
                        failures.Add($"GET {path}?returnUrl={target} as {who} sends to {location}");
                    }
                }
            }
        }

        // Signing in (with and without a second factor) and signing out, asked to return elsewhere.
        var (email, password) = await app.CreateAccountAsync();
        foreach (var target in OffSiteTargets)
        {
            var escaped = Uri.EscapeDataString(target);
            using var person = app.Anonymous();
            var signedIn = await person.PostFormAsync($"/login?ReturnUrl={escaped}", new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = target }, "/login");
            tried++;
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            if (OffSite(signedIn) is { } afterSignIn)
            {
                failures.Add($"signing in with ReturnUrl={target} sends to {afterSignIn}");
            }

            using var administrator = app.Anonymous();
            var first = await administrator.PostFormAsync($"/login?ReturnUrl={escaped}", new() { ["Email"] = CollectifApp.AdminEmail, ["Password"] = CollectifApp.AdminPassword, ["ReturnUrl"] = target }, "/login");
            var second = await administrator.PostFormAsync(first.Headers.Location!.OriginalString, new() { ["Code"] = CollectifApp.Totp(CollectifApp.AdminAuthenticatorKey), ["ReturnUrl"] = target });
            tried += 2;
            foreach (var (step, response) in new[] { ("password", first), ("second factor", second) })
            {
                if (OffSite(response) is { } location)
                {
                    failures.Add($"signing in as an administrator ({step}) with ReturnUrl={target} sends to {location}");
                }
            }

            var signedOut = await person.PostFormAsync($"/logout?returnUrl={escaped}", new() { ["returnUrl"] = target }, "/account");
            tried++;
            if (OffSite(signedOut) is { } afterSignOut)
            {
                failures.Add($"signing out with returnUrl={target} sends to {afterSignOut}");
            }
        }

        Report(tried, "requests", failures);
        tried.ShouldBeGreaterThan(1000);
    }

    private async Task<(string Who, HttpClient Client)[]> ClientsAsync()
    {
        await app.CreateAccountAsync(Roles.Editor); // an account page to visit that is not the administrator's own
        return [("administrator", await app.AdministratorAsync("fr")), ("visitor", app.Anonymous("en"))];
    }

    private static async Task<string?> TokenAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return null;
        }

        return (await response.ReadDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
    }

    private static HttpContent Body(bool multipart, IReadOnlyList<SiteMap.Field> fields)
    {
        if (!multipart)
        {
            return new FormUrlEncodedContent(fields.Where(f => f.Type != "file").Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }

        var content = new MultipartFormDataContent();
        foreach (var field in fields.Where(f => f.Type != "file"))
        {
            content.Add(new StringContent(field.Value), field.Name);
        }

        return content;
    }

    /// <summary>Where a redirect goes when that is not this site; null when it stays (or is no redirect).</summary>
    private static string? OffSite(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            return null;
        }

        var text = location.OriginalString;
        if (location.IsAbsoluteUri)
        {
            return location.Host is "localhost" && location.Scheme is "http" or "https" && location.UserInfo.Length == 0 ? null : text;
        }

        // A browser reads "//host", "/\host" and "\\host" as another site.
        return text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.StartsWith("/\\", StringComparison.Ordinal) ? null : text;
    }

    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        string? One(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

        var csp = One("Content-Security-Policy");
        if (csp is null)
        {
            yield return "no Content-Security-Policy";
        }
        else
        {
            if (csp.Contains("'unsafe-", StringComparison.Ordinal))
            {
                yield return "the policy allows unsafe script or style: " + csp;
            }

            if (!csp.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                yield return "the policy does not say who may frame the page";
            }

            if (csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) && One("X-Frame-Options") != "DENY")
            {
                yield return "X-Frame-Options is not DENY";
            }
        }

        if (One("X-Content-Type-Options") != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (One("Referrer-Policy") is not ("strict-origin-when-cross-origin" or "no-referrer" or "same-origin"))
        {
            yield return "Referrer-Policy is " + (One("Referrer-Policy") ?? "missing");
        }

        if (One("Permissions-Policy") is null || One("Cross-Origin-Opener-Policy") is null)
        {
            yield return "no Permissions-Policy or Cross-Origin-Opener-Policy";
        }

        if (response.Content.Headers.ContentType is { MediaType: { } type } contentType
            && (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal))
            && contentType.CharSet is null)
        {
            yield return $"{type} without a charset"; // JSON is UTF-8 by definition (RFC 8259); text and XML are not
        }

        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
        {
            var lower = cookie.ToLowerInvariant();
            var name = cookie[..cookie.IndexOf('=', StringComparison.Ordinal)];
            if (!name.StartsWith("__Host-", StringComparison.Ordinal) || !lower.Contains("; secure", StringComparison.Ordinal) || !lower.Contains("; httponly", StringComparison.Ordinal)
                || !lower.Contains("; path=/", StringComparison.Ordinal) || lower.Contains("; domain=", StringComparison.Ordinal) || !lower.Contains("; samesite=", StringComparison.Ordinal))
            {
                yield return $"cookie {name} is not __Host-, Secure, HttpOnly, SameSite, path / and host-only: {cookie}";
            }
        }
    }

    private void Report(int count, string what, List<string> failures)
    {
        output.WriteLine($"{count} {what}, {failures.Count} failures.");
        foreach (var failure in failures.Distinct())
        {
            output.WriteLine("FAILED " + failure);
        }

        failures.Distinct().Take(30).ShouldBeEmpty();
    }
}
