using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Collectif.Features.Accounts;
using Collectif.Features.Api;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Web;

/// <summary>
/// Fuzzing from the application's own route table and OpenAPI document: every route gets hostile
/// path segments and query strings, every form found on every page (as an administrator and as a
/// visitor) is posted with each hostile value in every field, every JSON endpoint gets malformed
/// and mistyped bodies. Nothing may answer 5xx, show a stack trace, or echo a header it was fed.
/// </summary>
public sealed partial class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DemoApp app = new();

    /// <summary>What real attackers and real sloppy clients send.</summary>
    public static readonly string[] Payloads =
    [
        "' OR '1'='1' --",
        "\"; DROP TABLE \"Statements\"; --",
        "1 UNION SELECT \"PasswordHash\" FROM \"AspNetUsers\"",
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(document.domain)>",
        "javascript:alert(1)",
        "<svg/onload=alert(1)>",
        "{{7*7}}${7*7}@(7*7)",
        "value\r\nX-Injected: yes",
        "%0d%0aX-Injected:%20yes",
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "nul\0byte",
        "\u202Egnp.exe",
        "zero\u200Bwidth\uFEFF",
        "Ｃｏｌｌｅｃｔｉｆ ＜script＞",
        "e\u0301\u0301\u0301\u0301\u0301\u0301",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30T25:61:00",
        "https://evil.example/",
        "//evil.example/%2f..",
        "a@b@c",
        "👩🏽‍⚖️✊🏿",
        new string('A', 70_000),
        "",
    ];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [GeneratedRegex(@"(\bat [A-Z][\w.`<>]+\.[\w<>`]+\(|System\.[A-Za-z.]*Exception|Npgsql\.|SqliteException|Microsoft\.EntityFrameworkCore\.)")]
    private static partial Regex StackTrace();

    private sealed record Failure(string Request, string Why);

    private int tried;
    private readonly List<Failure> failures = [];

    private async Task CheckAsync(HttpClient client, HttpRequestMessage request, string what)
    {
        tried++;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception exception) when (exception is not ShouldAssertException)
        {
            failures.Add(new(what, "the server threw: " + exception.GetType().Name + " " + exception.Message));
            return;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add(new(what, $"{(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}"));
            }
            else if (StackTrace().Match(body) is { Success: true } trace)
            {
                failures.Add(new(what, $"{(int)response.StatusCode} shows internals: …{body.Substring(Math.Max(0, trace.Index - 80), Math.Min(200, body.Length - Math.Max(0, trace.Index - 80)))}…"));
            }

            if (response.Headers.Contains("X-Injected") || response.Content.Headers.Contains("X-Injected"))
            {
                failures.Add(new(what, "a header was injected"));
            }
        }
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [Fact]
    public async Task Every_route_form_and_json_endpoint_survives_hostile_input_without_a_5xx_or_a_stack_trace()
    {
        await app.CreateAccountAsync(Roles.Editor);
        var admin = await app.AdministratorAsync("fr");
        var visitor = app.Anonymous("en");
        var token = await app.ApiTokenAsync(ApiScopes.Read | ApiScopes.SignOn | ApiScopes.Petitions | ApiScopes.Press, [Roles.Administrator, Roles.Editor, Roles.PressOfficer]);
        var values = await SiteMap.RealValuesAsync(app.Services);
        var routes = SiteMap.Routes(app.Services);
        var formsPosted = 0;
        var pagesWithForms = new HashSet<string>(StringComparer.Ordinal);

        foreach (var endpoint in routes)
        {
            var pattern = SiteMap.Pattern(endpoint);
            var methods = SiteMap.Methods(endpoint);
            var real = SiteMap.Fill(endpoint, values);

            // Hostile path segments, one parameter at a time, and a hostile query string.
            foreach (var payload in Payloads)
            {
                // Kestrel refuses a NUL in the path itself with 400 before the application sees it (the in-memory server throws instead).
                foreach (var parameter in payload.Contains('\0', StringComparison.Ordinal) ? [] : endpoint.RoutePattern.Parameters)
                {
                    var path = SiteMap.Fill(endpoint, values, (parameter.Name, payload));
                    await CheckAsync(admin, new HttpRequestMessage(HttpMethod.Get, path), $"GET {pattern} with {parameter.Name}={Short(payload)}");
                }

                var query = string.Join('&', new[] { "q", "page", "kind", "sort", "ReturnUrl", "returnUrl", "lang", "handler", "filter", "per_page", "from", "to", "city", "status" }
                    .Select(name => name + "=" + Uri.EscapeDataString(payload)));
                if (methods.Contains("GET"))
                {
                    await CheckAsync(admin, new HttpRequestMessage(HttpMethod.Get, real + "?" + query), $"GET {pattern}?…={Short(payload)}");
                }
            }

            // Forms found on the page, posted with each hostile value in every field.
            if (SiteMap.IsPage(endpoint) && !pattern.Contains(".pdf", StringComparison.Ordinal))
            {
                foreach (var client in new[] { admin, visitor })
                {
                    var posted = await PostFormsAsync(client, real, pattern);
                    formsPosted += posted;
                    if (posted > 0)
                    {
                        pagesWithForms.Add(pattern);
                    }
                }
            }

            // JSON endpoints: malformed bodies, wrong types, every property hostile.
            if (pattern.StartsWith("/api/", StringComparison.Ordinal))
            {
                foreach (var method in methods.Where(m => m is "POST" or "PUT" or "PATCH"))
                {
                    await PostJsonAsync(token, method, real, pattern);
                }
            }

            // Some routes end the session on purpose (signing out); the next routes need it again.
            using var stillSignedIn = await admin.GetAsync("/admin");
            if (stillSignedIn.StatusCode != HttpStatusCode.OK)
            {
                output.WriteLine($"SESSION ended after {pattern}");
                admin = await app.AdministratorAsync("fr");
            }
        }

        output.WriteLine($"{routes.Count} routes, {pagesWithForms.Count} pages with forms ({formsPosted} forms), {tried} hostile requests, {failures.Count} failures.");
        foreach (var failure in failures)
        {
            output.WriteLine($"FAILED {failure.Request} → {failure.Why.ReplaceLineEndings(" ")}");
        }

        failures.Select(f => f.Request + " → " + f.Why).Take(30).ShouldBeEmpty();
        tried.ShouldBeGreaterThan(5000);
        pagesWithForms.Count.ShouldBeGreaterThan(30, "the forms of the site were found and posted");
    }

    [Fact]
    public async Task Nul_characters_are_refused_in_forms_and_removed_from_searches_and_json()
    {
        var admin = await app.AdministratorAsync("en");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = "Union\0 syndicale " + tag;
        var created = await admin.PostFormAsync("/admin/organizations/new", new()
        {
            ["Form.Name"] = name,
            ["Form.Kind"] = "Association",
            ["Form.IsMember"] = "true",
            ["Form.MemberSince"] = "2025-09-01",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await created.ReadDocumentAsync()).Text("h1").ShouldBe("This request could not be understood");
        (await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name.Contains(tag)))).ShouldBe(0);

        // A search and a JSON body lose the NUL at the door: no 500 from PostgreSQL, which refuses NUL in text.
        (await admin.GetAsync("/editor/press/contacts?q=a%00b")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var api = app.Anonymous();
        var slug = await app.WithDbAsync(db => db.Statements.Where(s => s.Kind == StatementKind.Petition).Select(s => s.Slug).FirstAsync());
        var signed = await api.PostAsync($"/api/petitions/{slug}/signatures", new StringContent("{\"firstName\":\"Ca\\u0000mille\",\"lastName\":\"Durand\",\"email\":\"camille@example.org\"}", Encoding.UTF8, "application/json"));
        ((int)signed.StatusCode).ShouldBeLessThan(500);
    }

    private async Task<int> PostFormsAsync(HttpClient client, string path, string pattern)
    {
        var forms = await SiteMap.PostFormsAsync(client, path);
        foreach (var form in forms)
        {
            var (action, multipart, fields) = (form.Action, form.Multipart, form.Fields);
            foreach (var payload in Payloads)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, action);
                if (multipart)
                {
                    var content = new MultipartFormDataContent();
                    foreach (var field in fields)
                    {
                        if (field.Type == "file")
                        {
                            // A file that claims to be a PNG and is not, under a hostile name (RFC 5987 filename*).
                            var file = new ByteArrayContent(Encoding.UTF8.GetBytes("GIF89a" + payload));
                            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                            file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field.Name}\"", FileNameStar = payload[..Math.Min(200, payload.Length)] + ".png" };
                            content.Add(file);
                        }
                        else
                        {
                            content.Add(new StringContent(field.Name == "__RequestVerificationToken" ? field.Value : payload), field.Name);
                        }
                    }

                    request.Content = content;
                }
                else
                {
                    request.Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Name == "__RequestVerificationToken" ? f.Value : payload)));
                }

                await CheckAsync(client, request, $"POST {action} (form of {pattern}) with {Short(payload)}");
            }
        }

        return forms.Count;
    }

    private async Task PostJsonAsync(string token, string method, string path, string pattern)
    {
        using var client = app.Anonymous("fr");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var properties = await RequestPropertiesAsync(client, pattern, method);
        var bodies = new List<(string Body, string ContentType)>
        {
            ("{", "application/json"),
            ("[1,2,3]", "application/json"),
            ("null", "application/json"),
            ("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}", "application/json"),
            ("\"\\ud800\"", "application/json"),
            ("<xml/>", "application/xml"),
            ("a=b&c=d", "application/x-www-form-urlencoded"),
            ("{}", "text/plain"),
        };
        foreach (var payload in Payloads)
        {
            var asString = new JsonObject();
            var asNumberOrNested = new JsonObject();
            foreach (var property in properties)
            {
                asString[property] = payload;
                asNumberOrNested[property] = new JsonArray(1, new JsonObject { ["x"] = payload });
            }

            bodies.Add((asString.ToJsonString(), "application/json"));
            bodies.Add((asNumberOrNested.ToJsonString(), "application/json"));
        }

        foreach (var (body, contentType) in bodies)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            await CheckAsync(client, request, $"{method} {pattern} with {Short(body)}");
        }
    }

    private JsonDocument? openApi;

    /// <summary>The property names of the operation's JSON body, read from the OpenAPI document the application serves.</summary>
    private async Task<IReadOnlyList<string>> RequestPropertiesAsync(HttpClient client, string pattern, string method)
    {
        openApi ??= JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var path = Regex.Replace(pattern, @"\{([A-Za-z]+)(:[^}]*)?\}", "{$1}");
        if (!openApi.RootElement.GetProperty("paths").TryGetProperty(path, out var operations)
            || !operations.TryGetProperty(method.ToLowerInvariant(), out var operation)
            || !operation.TryGetProperty("requestBody", out var body))
        {
            return ["name", "email", "id"];
        }

        var schema = body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = openApi.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/').Last());
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : ["name"];
    }
}
