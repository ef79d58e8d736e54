using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Collectif.Tests.Web;

public class ErrorsAndHeadersTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    [Theory]
    [InlineData("fr", "Page introuvable")]
    [InlineData("en", "Page not found")]
    public async Task Unknown_addresses_get_a_404_page_in_the_readers_language(string language, string title)
    {
        var response = await app.Anonymous(language).GetAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await response.ReadDocumentAsync();
        page.Text("h1").ShouldBe(title);
        page.QuerySelector("nav.main-nav").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("fr", "Une erreur s’est produite")]
    [InlineData("en", "Something went wrong")]
    public async Task A_crash_shows_a_500_page_without_any_detail(string language, string title)
    {
        var response = await app.Anonymous(language).GetAsync("/test/throw");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("Secret internal detail");
        html.ShouldNotContain("InvalidOperationException");
        (await response.ReadDocumentAsync()).Text("h1").ShouldBe(title);
    }

    [Fact]
    public async Task A_crash_in_the_api_is_problem_details_without_any_detail()
    {
        var response = await app.Anonymous().GetAsync("/api/test/throw");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("Secret internal detail");
        body.ShouldNotContain("at Collectif");
    }

    [Fact]
    public async Task Unknown_api_addresses_are_problem_details()
    {
        var response = await app.Anonymous().GetAsync("/api/nothing-here");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Health_check_reports_a_working_database()
    {
        var response = await app.Anonymous().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organizations")]
    [InlineData("/api/organizations")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_strict_security_headers(string url)
    {
        var response = await app.Anonymous().GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task Pages_load_nothing_from_other_sites()
    {
        var html = await (await app.Anonymous().GetAsync("/")).Content.ReadAsStringAsync();

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var sources = page.QuerySelectorAll("script[src], link[href], img[src], iframe[src]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href") ?? "");
        sources.ShouldAllBe(s => s.StartsWith('/'));
    }

    [Fact]
    public async Task The_api_speaks_json_with_enum_names()
    {
        var response = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/organizations?pageSize=1");

        response.GetProperty("pageSize").GetInt32().ShouldBe(1);
    }
}

public class CookieTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    [Fact]
    public async Task Session_and_form_cookies_are_host_only_secure_http_only_and_same_site()
    {
        var client = app.Anonymous();
        var form = await client.GetAsync("/login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-collectif.af=", StringComparison.Ordinal)).ToLowerInvariant();
        antiforgery.ShouldContain("secure");
        antiforgery.ShouldContain("httponly");
        antiforgery.ShouldContain("samesite=strict");
        antiforgery.ShouldContain("path=/");
        antiforgery.ShouldNotContain("domain=");

        var (email, password) = await app.CreateAccountAsync();
        var signedIn = await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password });
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-collectif.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        session.ShouldContain("secure");
        session.ShouldContain("httponly");
        session.ShouldContain("samesite=lax");
        session.ShouldContain("path=/");
        session.ShouldNotContain("domain=");
    }

    [Fact]
    public async Task Https_responses_tell_browsers_to_stay_on_https()
    {
        // HSTS is never sent for localhost (it would stick in developers' browsers); ask as a real site.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "collectif.example.org";
        var response = await app.Anonymous().SendAsync(request);

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000");
        (await app.Anonymous().GetAsync("/")).Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}
