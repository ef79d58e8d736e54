using System.Net;
using Collectif.Features.Accounts;
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
        SignedIn,

        /// <summary>Delegates of that organization, and administrators (tested in VerificationTests).</summary>
        DelegatesOfTheOrganization,

        /// <summary>Editors and administrators (tested in StatementEditorTests).</summary>
        Editors,

        /// <summary>Member delegates while a consultation is open; editors and observers always (tested in ConsultationTests).</summary>
        DelegatesDuringConsultation,

        /// <summary>Delegates of organizations invited to sign, signed in or through their invitation's signed link (tested in SignOnTests).</summary>
        DelegatesOfInvitedOrganizations,
        Administrators,

        /// <summary>Press officers and administrators (tested here and in PressTests).</summary>
        PressOfficers,

        /// <summary>An API token with the endpoint's scope, whose account has the site's role (tested here and in ApiTokenTests).</summary>
        ApiToken,
    }

    public static readonly Dictionary<string, Access> Matrix = new()
    {
        ["/"] = Access.Everyone,
        ["/statements"] = Access.Everyone,
        ["/statements/{slug}"] = Access.Everyone,
        ["/organizations"] = Access.Everyone,
        ["/organizations/{slug}"] = Access.Everyone,
        ["/mobilizations"] = Access.Everyone,
        ["/mobilizations/{slug}"] = Access.Everyone,
        ["/mobilizations.ics"] = Access.Everyone,
        ["/feeds/mobilizations.atom"] = Access.Everyone,
        ["/mobilizations/{slug}.ics"] = Access.Everyone,
        ["/mobilizations/cities/{city}.ics"] = Access.Everyone,
        ["/editor/mobilizations/{slug}"] = Access.Editors,
        ["/editor/mobilizations/new"] = Access.Editors,
        ["/mobilizations/alerts/{token}"] = Access.Everyone,
        ["/mobilizations/alerts/stop/{token}"] = Access.Everyone,
        ["/search"] = Access.Everyone,
        ["/consultations/{slug}"] = Access.DelegatesDuringConsultation,
        ["/sign-on/{slug}"] = Access.DelegatesOfInvitedOrganizations,
        ["/editor/statements/{slug}/sign-on"] = Access.Editors,
        ["/editor/statements/{slug}/petition"] = Access.Editors, // tested in PetitionAdministrationTests
        ["/editor/statements/{slug}/petition/signatures.csv"] = Access.Editors,
        ["/petitions/{slug}/sign"] = Access.Everyone,
        ["/petitions/confirm/{token}"] = Access.Everyone,
        ["/api/petitions/{slug}/count"] = Access.Everyone,
        ["/privacy"] = Access.Everyone,
        ["/admin/petitions/abuse"] = Access.Administrators,
        ["/admin/petitions/data-requests"] = Access.Administrators,
        ["/statements/{slug}/signatures"] = Access.Everyone,
        ["/statements/{slug}/ledger"] = Access.Everyone,
        ["/statements/{slug}/ledger/checkpoints"] = Access.Everyone,
        ["/statements/{slug}/ledger.atom"] = Access.Everyone,
        ["/ledger/public-key.pem"] = Access.Everyone,
        ["/statements/{slug}/image"] = Access.Everyone,
        ["/statements/{slug}.pdf"] = Access.Everyone,
        ["/login"] = Access.Everyone,
        ["/login/two-factor"] = Access.Everyone,
        ["/forgot-password"] = Access.Everyone,
        ["/reset-password"] = Access.Everyone,
        ["/invitation/{token}"] = Access.Everyone,
        ["/account"] = Access.SignedIn,
        ["/account/two-factor"] = Access.SignedIn,
        ["/account/tokens"] = Access.SignedIn,
        ["/admin/webhooks"] = Access.Administrators,
        ["/admin/webhooks/{id:int}"] = Access.Administrators,
        ["/api/me"] = Access.ApiToken,
        ["/api/statements/{slug}/sign-on"] = Access.ApiToken,
        ["/api/press/contacts"] = Access.ApiToken,
        ["/api/press/contacts/{id:int}"] = Access.ApiToken,
        ["/api/press/distributions/{id:int}"] = Access.ApiToken,
        ["/api/osdi/v1/petitions/{slug}/signatures"] = Access.ApiToken,
        ["/api/osdi/v1/petitions/{slug}/signatures/{id:long}"] = Access.ApiToken,
        ["/admin/accounts"] = Access.Administrators,
        ["/admin/audit"] = Access.Administrators,
        ["/admin/accounts/{id:int}"] = Access.Administrators,
        ["/organizations/{slug}/verify"] = Access.DelegatesOfTheOrganization,
        ["/verify/{token}"] = Access.Everyone,
        ["/editor/statements"] = Access.Editors,
        ["/editor/statements/new"] = Access.Editors,
        ["/editor/statements/import"] = Access.Editors,
        ["/editor/statements/{slug}/edit"] = Access.Editors,
        ["/editor/statements/{slug}/revisions"] = Access.Editors,
        ["/logout"] = Access.Everyone,
        ["/error/{code:int?}"] = Access.Everyone,
        ["/language/{culture}"] = Access.Everyone,
        ["/api/organizations/"] = Access.Everyone,
        ["/api/organizations/{slug}"] = Access.Everyone,
        ["/api/statements/{slug}/signatories"] = Access.Everyone,
        ["/api/statements/"] = Access.Everyone,
        ["/api/petitions/{slug}/signatures"] = Access.Everyone, // POST signs like the form; GET needs a token (ApiTokenTests)
        ["/api/statements/{slug}"] = Access.Everyone,
        ["/api/mobilizations/"] = Access.Everyone,
        ["/api/mobilizations/{slug}"] = Access.Everyone,
        ["/api/osdi/v1/"] = Access.Everyone,
        ["/api/osdi/v1/petitions"] = Access.Everyone,
        ["/api/osdi/v1/petitions/{slug}"] = Access.Everyone,
        ["/api/osdi/v1/petitions/{slug}/record_signature_helper"] = Access.Everyone, // signs like the form (OsdiTests)
        ["/api/osdi/v1/events"] = Access.Everyone,
        ["/api/osdi/v1/events/{id:int}"] = Access.Everyone,
        ["/openapi/{documentName}.json"] = Access.Everyone,
        ["/developers"] = Access.Everyone,
        ["/widget/{lang:regex(^(fr|en)$)}/petitions/{slug}"] = Access.Everyone,
        ["/healthz"] = Access.Everyone,
        ["/coalition/logo"] = Access.Everyone,
        ["/feeds/statements.atom"] = Access.Everyone,
        ["/feeds/statements/{kind}.atom"] = Access.Everyone,
        ["/feeds/organizations/{slug}.atom"] = Access.Everyone,
        ["/sitemap.xml"] = Access.Everyone,
        ["/admin/coalition"] = Access.Administrators,
        ["/admin"] = Access.Administrators,
        ["/admin/organizations/new"] = Access.Administrators,
        ["/admin/organizations/{slug}/edit"] = Access.Administrators,
        ["/admin/organizations/merge"] = Access.Administrators,
        ["/admin/organizations/import"] = Access.Administrators,
        ["/press"] = Access.Everyone,
        ["/editorial-policy"] = Access.Everyone,
        ["/press/unsubscribe/{token}"] = Access.Everyone,
        ["/press/unsubscribe/{token}/one-click"] = Access.Everyone,
        ["/editor/press/contacts"] = Access.PressOfficers,
        ["/editor/press/contacts/new"] = Access.PressOfficers,
        ["/editor/press/contacts/{id:int}"] = Access.PressOfficers,
        ["/editor/press/contacts.csv"] = Access.PressOfficers,
        ["/editor/press/lists"] = Access.PressOfficers,
        ["/editor/press/import"] = Access.PressOfficers,
        ["/editor/press/import/{id:int}"] = Access.PressOfficers,
        ["/editor/press/distributions"] = Access.PressOfficers,
        ["/editor/press/distributions/{id:int}"] = Access.PressOfficers,
        ["/editor/press/distributions/{id:int}/progress"] = Access.PressOfficers,
        ["/editor/press/releases/{slug}/send"] = Access.PressOfficers,
        ["/editor/press/releases/{slug}/preview.{language:regex(^(fr|en)$)}.html"] = Access.PressOfficers,
    };

    public static TheoryData<string> PressPages => new(Matrix.Where(m => m.Value == Access.PressOfficers)
        .Select(m => m.Key.Replace("{slug}", "no-such-release", StringComparison.Ordinal).Replace("{id:int}", "999999", StringComparison.Ordinal).Replace("{language:regex(^(fr|en)$)}", "fr", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(PressPages))]
    public async Task Press_pages_are_for_press_officers_and_administrators_only(string url)
    {
        var anonymous = await app.Anonymous().GetAsync(url);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/login");
        var anonymousPost = await app.Anonymous().PostAsync(url, new FormUrlEncodedContent([]));
        anonymousPost.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest, HttpStatusCode.MethodNotAllowed);

        foreach (var roles in new[] { new[] { Roles.Editor }, [Roles.Observer], [] })
        {
            var refused = await (await app.SignedInAsync("en", roles)).GetAsync(url);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join(",", roles));
            refused.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        }

        foreach (var officer in new[] { await app.SignedInAsync("en", Roles.PressOfficer), await app.AdministratorAsync() })
        {
            // Allowed in: the page, or "not found" for the made-up ids and slugs above.
            (await officer.GetAsync(url)).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        }
    }

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

    public static TheoryData<string> AdministratorPages => new(Matrix.Where(m => m.Value == Access.Administrators).Select(m => m.Key.Replace("{slug}", "cgt", StringComparison.Ordinal).Replace("{id:int}", "1", StringComparison.Ordinal)));

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
    public async Task Editors_press_officers_observers_and_plain_accounts_are_refused(string url)
    {
        foreach (var roles in new[] { new[] { Roles.Editor }, [Roles.PressOfficer], [Roles.Observer], [] })
        {
            var (email, password) = await app.CreateAccountAsync(roles);
            var client = app.Anonymous();
            await CollectifApp.SignInAsync(client, email, password);

            var response = await client.GetAsync(url);

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, string.Join(",", roles));
            response.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        }
    }

    [Fact]
    public async Task An_administrator_without_two_factor_is_sent_to_enrol_and_refused_administration()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Administrator);
        var client = app.Anonymous();

        var signIn = await CollectifApp.SignInAsync(client, email, password);

        signIn.Headers.Location!.OriginalString.ShouldBe("/account/two-factor");
        (await client.GetAsync("/admin")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
    }

    public static TheoryData<string> TokenEndpoints => new(Matrix.Where(m => m.Value == Access.ApiToken)
        .Select(m => m.Key.Replace("{slug}", "cgt", StringComparison.Ordinal).Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{id:long}", "1", StringComparison.Ordinal)).Append("/api/petitions/cgt/signatures"));

    /// <summary>A signed-in administrator's cookie opens no token endpoint: the API takes tokens only, so a forged cross-site request carries no authority there.</summary>
    [Theory]
    [MemberData(nameof(TokenEndpoints))]
    public async Task Token_endpoints_refuse_anonymous_visitors_and_site_cookies_with_401(string url)
    {
        foreach (var client in new[] { app.Anonymous(), await app.AdministratorAsync() })
        {
            // POST on a petition's signatures is the public signing endpoint; its GET is the token one.
            foreach (var method in url.EndsWith("/signatures", StringComparison.Ordinal) ? [HttpMethod.Get] : new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
            {
                using var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Post || method == HttpMethod.Put ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null };
                var response = await client.SendAsync(request);
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.MethodNotAllowed], $"{method} {url}");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                }
            }
        }
    }

    public static TheoryData<string> SignedInPages => new(Matrix.Where(m => m.Value == Access.SignedIn).Select(m => m.Key));

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Account_pages_need_a_signed_in_person(string url)
    {
        var anonymous = await app.Anonymous().GetAsync(url);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/login");

        var (email, password) = await app.CreateAccountAsync(Roles.Observer);
        var client = app.Anonymous();
        await CollectifApp.SignInAsync(client, email, password);
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
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

            if (!db.Webhooks.Any())
            {
                db.Webhooks.Add(new Collectif.Features.Webhooks.Webhook { Url = "https://crm.example.org/hook", ProtectedSecret = "x", Events = Collectif.Features.Webhooks.WebhookEvents.StatementPublished });
                await db.SaveChangesAsync(); // the first webhook of this database: /admin/webhooks/1
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
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var client = app.Anonymous();
        var response = await client.PostFormAsync("/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "https://evil.example/" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.AdministratorAsync();
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // With the form every page carries in its footer.
        (await client.PostFormAsync("/logout", [], "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
