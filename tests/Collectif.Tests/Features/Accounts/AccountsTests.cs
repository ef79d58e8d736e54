using System.Net;
using System.Text.RegularExpressions;
using Collectif.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Accounts;

public partial class AccountsTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static string Address() => $"invitee-{Guid.NewGuid():N}@example.org";

    private Task<string> InviteAsync(string email, string language, params string[] roles) => InviteAsync(app, email, language, roles);

    private static async Task<string> InviteAsync(CollectifApp app, string email, string language, params string[] roles)
    {
        var admin = await app.AdministratorAsync(language);
        var response = await admin.PostFormAsync("/admin/accounts", new() { ["Form.Email"] = email, ["Form.Language"] = language, ["Form.Roles"] = roles.Length == 0 ? Roles.Editor : roles[0] });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var mail = await SmtpSink.WaitForMessageAsync(email);
        return new Uri(LinkPattern().Match(mail.TextBody!).Value).PathAndQuery;
    }

    [Fact]
    public async Task An_invited_person_creates_an_account_once_through_the_mailed_link()
    {
        var email = Address();
        var link = await InviteAsync(email, "fr");
        var mail = SmtpSink.MessagesTo(email).Single();
        mail.Subject.ShouldStartWith("Invitation");
        mail.TextBody!.ShouldContain("dans les 7 jours");

        var client = app.Anonymous("fr");
        (await client.GetDocumentAsync(link)).Text("main p").ShouldContain(email);

        var weak = await client.PostFormAsync(link, new() { ["DisplayName"] = "Camille", ["Password"] = "password1234" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Ce mot de passe est trop courant");

        var accepted = await client.PostFormAsync(link, new() { ["DisplayName"] = "Camille", ["Password"] = "moules frites au bord du canal" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe("/account");
        var account = await client.GetDocumentAsync("/account");
        account.Text(".facts").ShouldContain("Éditeur·rice");

        var log = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == $"account:{email}").Select(e => e.Action).ToListAsync());
        log.ShouldBe(["account.invited", "account.created"], ignoreOrder: true);

        var again = await app.Anonymous("fr").GetAsync(link);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.ReadDocumentAsync()).Text(".error").ShouldBe("Ce lien n’est pas valide ou a expiré. Demandez-en un nouveau.");
    }

    [Fact]
    public async Task Expired_and_forged_invitation_links_are_refused()
    {
        await using var own = new CollectifApp(); // this test moves the clock
        var email = Address();
        var link = await InviteAsync(own, email, "en");

        (await own.Anonymous().GetAsync("/invitation/forged-token-that-does-not-exist-1234567890")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        own.Clock.Advance(TimeSpan.FromDays(8));

        var expired = await own.Anonymous().PostFormAsync(link, new() { ["DisplayName"] = "Late", ["Password"] = "moules frites au bord du canal" }, "/login");
        expired.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.WithDbAsync(db => db.Accounts.AnyAsync(a => a.Email == email))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_invitation_for_an_existing_account_or_without_role_is_refused_with_a_message()
    {
        var admin = await app.AdministratorAsync("en");

        var existing = await admin.PostFormAsync("/admin/accounts", new() { ["Form.Email"] = CollectifApp.AdminEmail, ["Form.Roles"] = Roles.Editor });
        existing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await existing.ReadDocumentAsync()).Text(".error-summary").ShouldContain("This person already has an account.");

        var nothing = await admin.PostFormAsync("/admin/accounts", new() { ["Form.Email"] = Address() });
        nothing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nothing.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Choose at least one role or one organization to represent.");
    }

    [Fact]
    public async Task An_invited_administrator_must_set_up_two_factor_and_then_signs_in_with_codes()
    {
        var email = Address();
        var link = await InviteAsync(email, "en", Roles.Administrator);
        var client = app.Anonymous("en");
        var accepted = await client.PostFormAsync(link, new() { ["DisplayName"] = "Sam", ["Password"] = "a pigeon on the statue of liberty" });
        accepted.Headers.Location!.OriginalString.ShouldBe("/account/two-factor");
        (await client.GetAsync("/admin")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");

        var setup = await client.GetDocumentAsync("/account/two-factor");
        var key = setup.Text("code.key");
        setup.QuerySelector(".totp img")!.GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");
        var wrong = await client.PostFormAsync("/account/two-factor", new() { ["Code"] = "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var enrolled = await client.PostFormAsync("/account/two-factor", new() { ["Code"] = CollectifApp.Totp(key) });
        var codes = (await enrolled.ReadDocumentAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        codes.Count.ShouldBe(10);
        (await client.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Later, from another device: password, then a recovery code, which works only once.
        var other = app.Anonymous("en");
        (await other.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = "a pigeon on the statue of liberty" })).Headers.Location!.OriginalString.ShouldStartWith("/login/two-factor");
        (await other.PostFormAsync("/login/two-factor", new() { ["Code"] = codes[0] })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await other.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var third = app.Anonymous("en");
        await third.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = "a pigeon on the statue of liberty" });
        var reused = await third.PostFormAsync("/login/two-factor", new() { ["Code"] = codes[0] });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.ReadDocumentAsync()).Text(".validation-summary-errors").ShouldContain("This code is not valid.");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_without_saying_so_to_a_stranger()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var client = app.Anonymous("en");
        for (var i = 0; i < 5; i++)
        {
            (await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = "wrong guess " + i })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var locked = await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password });
        var unknown = await client.PostFormAsync("/login", new() { ["Email"] = Address(), ["Password"] = password });

        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await locked.ReadDocumentAsync()).Text(".validation-summary-errors").ShouldBe((await unknown.ReadDocumentAsync()).Text(".validation-summary-errors"));

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        (await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await client.PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_a_mailed_link_that_works_once()
    {
        var (email, _) = await app.CreateAccountAsync(Roles.Observer);
        var client = app.Anonymous("en");
        var stranger = await client.PostFormAsync("/forgot-password", new() { ["Email"] = Address() });
        var known = await client.PostFormAsync("/forgot-password", new() { ["Email"] = email });
        (await stranger.ReadDocumentAsync()).Text(".success").ShouldBe((await known.ReadDocumentAsync()).Text(".success"));

        var mail = await SmtpSink.WaitForMessageAsync(email);
        var link = new Uri(LinkPattern().Match(mail.TextBody!).Value).PathAndQuery;
        var reset = await client.PostFormAsync(link, new() { ["Password"] = "the owl sings at half past nine" });
        reset.Headers.Location!.OriginalString.ShouldBe("/login?reset=true");

        (await app.Anonymous().PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = "the owl sings at half past nine" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reused = await client.PostFormAsync(link, new() { ["Password"] = "another owl sings at ten to ten" });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.ReadDocumentAsync()).Text(".error-summary").ShouldContain("This link is not valid or has expired.");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var laptop = app.Anonymous();
        var phone = app.Anonymous();
        await CollectifApp.SignInAsync(laptop, email, password);
        await CollectifApp.SignInAsync(phone, email, password);
        (await phone.GetAsync("/account")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await laptop.PostFormAsync("/account?handler=SignOutEverywhere", [], "/account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // the stamp is checked every minute

        (await phone.GetAsync("/account")).Headers.Location!.AbsolutePath.ShouldBe("/login");
    }

    [Theory]
    [InlineData("password1234", true)]
    [InlineData("Password2024!", true)]
    [InlineData("qwertyuiop123", true)]
    [InlineData("aaaaaaaaaaaaaa", true)]
    [InlineData("abcdefghijklmn", true)]
    [InlineData("moules frites au bord du canal", false)]
    [InlineData("Vélo-rouge/Cerisier#42", false)]
    public void Common_passwords_are_recognised(string password, bool common) =>
        CommonPasswordValidator.IsCommon(password).ShouldBe(common);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
