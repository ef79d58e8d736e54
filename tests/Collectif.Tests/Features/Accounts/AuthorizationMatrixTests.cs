using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Accounts;

/// <summary>
/// Every page and endpoint of the application, with who may use it. A new route fails the
/// "every route is in the matrix" test until someone decides who may see it.
/// </summary>
public class AuthorizationMatrixTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    public enum Access
    {
        Everyone,
        Administrators,
    }

    public static readonly Dictionary<string, Access> Matrix = new()
    {
        ["/"] = Access.Everyone,
        ["/statements"] = Access.Everyone,
        ["/statements/{slug}"] = Access.Everyone,
        ["/organizations"] = Access.Everyone,
        ["/organizations/{slug}"] = Access.Everyone,
        ["/mobilizations"] = Access.Everyone,
        ["/press"] = Access.Everyone,
        ["/login"] = Access.Everyone,
        ["/logout"] = Access.Everyone,
        ["/error/{code:int?}"] = Access.Everyone,
        ["/language/{culture}"] = Access.Everyone,
        ["/api/organizations/"] = Access.Everyone,
        ["/api/organizations/{slug}"] = Access.Everyone,
        ["/healthz"] = Access.Everyone,
        ["/coalition/logo"] = Access.Everyone,
        ["/admin/coalition"] = Access.Administrators,
        ["/admin"] = Access.Administrators,
        ["/admin/organizations/new"] = Access.Administrators,
        ["/admin/organizations/{slug}/edit"] = Access.Administrators,
        ["/admin/organizations/merge"] = Access.Administrators,
        ["/admin/organizations/import"] = Access.Administrators,
    };

    [Fact]
    public void Every_route_of_the_application_is_in_the_matrix()
    {
        _ = app.Server; // builds the host
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.StartsWith("/test/", StringComparison.Ordinal) && !r.StartsWith("/api/test/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        routes.Where(r => !Matrix.ContainsKey(r)).ShouldBeEmpty("routes nobody has classified");
    }

    public static TheoryData<string> AdministratorPages => new(Matrix.Where(m => m.Value == Access.Administrators).Select(m => m.Key.Replace("{slug}", "cgt", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(AdministratorPages))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_administration_pages(string url)
    {
        var get = await app.Anonymous().GetAsync(url);
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.AbsolutePath.ShouldBe("/login");

        var post = await app.Anonymous().PostAsync(url, new FormUrlEncodedContent([]));
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        if (post.StatusCode == HttpStatusCode.Redirect)
        {
            post.Headers.Location!.AbsolutePath.ShouldBe("/login");
        }
    }

    [Theory]
    [MemberData(nameof(AdministratorPages))]
    public async Task A_signed_in_non_administrator_is_refused(string url)
    {
        await app.WithDbAsync(async db =>
        {
            if (!db.Accounts.Any(a => a.Email == "delegate@example.org"))
            {
                var account = new Collectif.Features.Accounts.Account { Email = "delegate@example.org", PasswordHash = "", IsAdministrator = false };
                account.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<Collectif.Features.Accounts.Account>().HashPassword(account, "delegate password");
                db.Accounts.Add(account);
                await db.SaveChangesAsync();
            }
        });
        var client = app.Anonymous();
        (await client.PostFormAsync("/login", new() { ["Email"] = "delegate@example.org", ["Password"] = "delegate password" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        (await client.GetAsync(response.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(AdministratorPages))]
    public async Task Administrators_reach_administration_pages(string url)
    {
        await app.WithDbAsync(async db =>
        {
            if (!db.Organizations.Any(o => o.Slug == "cgt"))
            {
                db.Organizations.Add(new Collectif.Features.Organizations.Organization { Slug = "cgt", Name = "Confédération générale du travail", Acronym = "CGT" });
                await db.SaveChangesAsync();
            }
        });
        var client = await app.AdministratorAsync();

        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = await app.AdministratorAsync();

        var response = await client.PostAsync("/admin/organizations/new", new FormUrlEncodedContent([new("Form.Name", "Sans jeton")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => Task.FromResult(db.Organizations.Any(o => o.Name == "Sans jeton")))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_in_the_page_language()
    {
        var response = await app.Anonymous("fr").PostFormAsync("/login", new() { ["Email"] = CollectifApp.AdminEmail, ["Password"] = "wrong" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".validation-summary-errors").ShouldContain("Adresse e-mail ou mot de passe incorrect.");
    }

    [Fact]
    public async Task An_empty_login_form_says_what_is_missing()
    {
        var response = await app.Anonymous("en").PostFormAsync("/login", new() { ["Email"] = "", ["Password"] = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.ReadDocumentAsync();
        page.QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).ShouldBe(["Enter your e-mail address.", "Enter your password."]);
    }

    [Fact]
    public async Task Signing_in_never_redirects_to_another_site()
    {
        var client = app.Anonymous();
        var response = await client.PostFormAsync("/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Email"] = CollectifApp.AdminEmail, ["Password"] = CollectifApp.AdminPassword, ["ReturnUrl"] = "https://evil.example/" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/admin");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.AdministratorAsync();
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.PostFormAsync("/logout", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
