using System.Net;
using Collectif.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Accounts;

public class AccountAdministrationTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private async Task<int> IdOfAsync(string email) =>
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task Roles_and_delegations_change_and_apply_at_the_next_request()
    {
        var (organization, _) = await app.OrganizationWithDelegateAsync();
        var (email, password) = await app.CreateAccountAsync(Roles.Observer);
        var person = app.Anonymous();
        await CollectifApp.SignInAsync(person, email, password);
        (await person.GetAsync($"/organizations/{organization.Slug}/verify")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        var admin = await app.AdministratorAsync("en");
        var id = await IdOfAsync(email);

        var saved = await admin.PostAsync($"/admin/accounts/{id}", await FormAsync(admin, $"/admin/accounts/{id}", [("SelectedRoles", Roles.Editor), ("OrganizationIds", organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // the security stamp is checked every minute
        (await person.GetAsync($"/organizations/{organization.Slug}/verify")).Headers.Location!.AbsolutePath.ShouldBe("/login");
        await CollectifApp.SignInAsync(person, email, password);
        (await person.GetAsync($"/organizations/{organization.Slug}/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await person.GetDocumentAsync("/account")).Text(".facts").ShouldContain("Editor");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.roles-changed" && e.Subject == $"account:{email}"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_blocked_account_cannot_sign_in_until_unblocked()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var admin = await app.AdministratorAsync("en");
        var id = await IdOfAsync(email);

        (await admin.PostFormAsync($"/admin/accounts/{id}?handler=Lock", [], $"/admin/accounts/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Anonymous().PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await admin.PostFormAsync($"/admin/accounts/{id}?handler=Unlock", [], $"/admin/accounts/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Anonymous().PostFormAsync("/login", new() { ["Email"] = email, ["Password"] = password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_last_administrator_cannot_remove_their_own_role()
    {
        var admin = await app.AdministratorAsync("fr");
        var id = await IdOfAsync(CollectifApp.AdminEmail);

        var response = await admin.PostAsync($"/admin/accounts/{id}", await FormAsync(admin, $"/admin/accounts/{id}", [("SelectedRoles", Roles.Editor)]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Vous ne pouvez pas retirer votre propre rôle d’administrateur·rice.");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        (await users.IsInRoleAsync((await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!, Roles.Administrator)).ShouldBeTrue();
    }

    /// <summary>A form with repeated fields (checkboxes, multiple select), with the page's antiforgery token.</summary>
    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, (string Name, string Value)[] fields)
    {
        var document = await client.GetDocumentAsync(page);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
    }
}
