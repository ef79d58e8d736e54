using Microsoft.Playwright;

namespace Collectif.Browser;

public class AdministrationTests(BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(string language) => browser.AdministratorPageAsync(language);

    [Fact]
    public async Task An_administrator_pastes_a_list_previews_it_and_applies_it()
    {
        var page = await SignedInAsync("fr");
        await page.GotoAsync("/admin/organizations/import");
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var list = $"Organisations signataires :\nConfédération générale du Travail (CGT) – Réseau Navigateur {tag} (RN{tag}) –Comité Clavier {tag}\nJeanne Martin, porte-parole du Réseau Navigateur {tag}";

        await page.GetByLabel("Liste de signataires").FillAsync(list);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();

        var rows = page.Locator(".import-preview tbody tr");
        (await rows.CountAsync()).ShouldBe(4);
        (await page.Locator(".badge").AllTextContentsAsync()).ShouldBe(["Reconnue", "Nouvelle", "Nouvelle", "Ignorée"]);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "import-preview-fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer 2 modifications" }).ClickAsync();

        (await page.Locator(".success").TextContentAsync())!.Trim().ShouldBe("Import terminé : 2 organisations créées, 2 adhésions et 0 signataires ajoutés.");
        await page.GotoAsync($"/organizations?q={tag}");
        (await page.Locator(".organization-list li > a").AllTextContentsAsync()).ShouldBe([$"Comité Clavier {tag}", $"Réseau Navigateur {tag}"]);
    }

    [Fact]
    public async Task An_administrator_adds_an_organization_with_the_form()
    {
        var page = await SignedInAsync("en");
        await page.GotoAsync("/admin/organizations/new");
        var name = "Ligue Playwright " + Guid.NewGuid().ToString("N")[..5];

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Association" });
        await page.GetByLabel("Website").FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        (await page.Locator(".field-error").AllTextContentsAsync()).ShouldContain("The website must be a full address starting with https:// or http://.");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "organization-form-errors-en");

        await page.GetByLabel("Website").FillAsync("https://example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        (await page.Locator("h1").TextContentAsync()).ShouldBe(name);
    }

    [Fact]
    public async Task An_invited_person_signs_up_sets_up_two_factor_and_signs_in_again()
    {
        var admin = await SignedInAsync("en");
        var email = $"newcomer-{Guid.NewGuid():N}@example.org";
        await admin.GotoAsync("/admin/accounts");
        await admin.GetByLabel("E-mail address").FillAsync(email);
        await admin.GetByLabel("Administrator (secretariat)").CheckAsync();
        await admin.GetByLabel("English").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        (await admin.Locator(".success").TextContentAsync())!.ShouldContain(email);
        await admin.ShouldHaveNoSeriousViolationsAsync();

        var mail = await Collectif.Tests.SmtpSink.WaitForMessageAsync(email);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"https?://\S+").Value;
        var page = await browser.NewPageAsync("en");
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByLabel("Your name").FillAsync("Alex Newcomer");
        await page.GetByLabel("Password").FillAsync("password12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        (await page.Locator(".error-summary").TextContentAsync())!.ShouldContain("too common");
        await page.GetByLabel("Password").FillAsync("seven purple kites over the harbour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await page.WaitForURLAsync("**/account/two-factor");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup-en");
        var key = (await page.Locator("code.key").TextContentAsync())!;
        await page.GetByLabel("Code").FillAsync(BrowserFixture.Totp(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        (await page.Locator(".recovery-codes li").CountAsync()).ShouldBe(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseAddress.ToString());
        (await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).CountAsync()).ShouldBe(1); // really signed out
        await page.GotoAsync("/login");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("seven purple kites over the harbour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/login/two-factor**");
        await page.GetByLabel("Code").FillAsync(BrowserFixture.Totp(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/admin");
        }
        catch (TimeoutException)
        {
            // Seen once in a full run, never alone: say where the browser ended up and what the page said.
            await BrowserFixture.ScreenshotAsync(page, "invited-person-second-sign-in-failed");
            throw new TimeoutException($"Not on /admin but on {page.Url}: {(await page.Locator("main").TextContentAsync())?.Trim()}");
        }
    }

    [Theory]
    [InlineData("/admin/accounts", "en")]
    [InlineData("/admin/accounts/1", "fr")]
    [InlineData("/editor/statements", "fr")]
    [InlineData("/editor/statements/new", "en")]
    [InlineData("/editor/statements/liberez-omar-alsoumi/edit", "fr")]
    [InlineData("/editor/statements/liberez-omar-alsoumi/revisions", "en")]
    [InlineData("/admin/audit", "en")]
    [InlineData("/account", "fr")]
    [InlineData("/organizations/cgt/verify", "fr")]
    [InlineData("/admin/coalition", "fr")]
    [InlineData("/admin", "fr")]
    [InlineData("/admin/organizations/new", "fr")]
    [InlineData("/admin/organizations/cgt/edit", "en")]
    [InlineData("/admin/organizations/merge", "fr")]
    [InlineData("/admin/organizations/import", "en")]
    [InlineData("/editor/statements/abandon-des-poursuites-contre-omar-alsoumi/petition", "fr")]
    [InlineData("/admin/petitions/abuse", "en")]
    [InlineData("/admin/petitions/data-requests", "fr")]
    public async Task Administration_pages_have_no_serious_accessibility_violations(string url, string language)
    {
        var page = await SignedInAsync(language);
        await page.GotoAsync(url);

        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin" + url.Replace('/', '-') + "-" + language);
    }
}
