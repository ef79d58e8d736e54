using Microsoft.Playwright;

namespace Collectif.Browser;

public class PublicPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_home_page_shows_the_coalition_and_switches_to_english()
    {
        var page = await browser.NewPageAsync("fr");
        await page.GotoAsync("/");

        (await page.Locator("h1").TextContentAsync()).ShouldBe("Collectif National pour une Paix Juste et Durable entre Palestiniens et Israéliens");
        (await page.Locator(".card").CountAsync()).ShouldBe(6);
        await BrowserFixture.ScreenshotAsync(page, "home-fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync("**/");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("National Collective for a Just and Lasting Peace Between Palestinians and Israelis");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        await BrowserFixture.ScreenshotAsync(page, "home-en");

        // The choice sticks on the next page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Organizations", Exact = true }).First.ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Organizations");
    }

    [Fact]
    public async Task Searching_organizations_works_without_javascript()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false, Locale = "fr", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "fr" } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/organizations");

        await page.GetByLabel("Nom ou sigle").FillAsync("égalité");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();

        await page.WaitForURLAsync("**/organizations?q=*");
        (await page.Locator(".organization-list li > a").AllTextContentsAsync()).ShouldBe(["Apel-Égalité", "Femmes Égalité"]);
        await BrowserFixture.ScreenshotAsync(page, "organizations-search-fr");

        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Syndicat" });
        await page.GetByLabel("Nom ou sigle").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        (await page.Locator(".organization-list li").CountAsync()).ShouldBe(4);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first_and_it_jumps_to_the_content()
    {
        var page = await browser.NewPageAsync("en");
        await page.GotoAsync("/organizations");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("Skip to content");
        await page.Keyboard.PressAsync("Enter");

        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organizations")]
    [InlineData("/statements/liberez-omar-alsoumi")]
    [InlineData("/statements/abandon-des-poursuites-contre-omar-alsoumi")]
    [InlineData("/privacy")]
    [InlineData("/developers")]
    public async Task Pages_fit_a_360_pixel_phone_without_sideways_scrolling(string url)
    {
        var page = await browser.NewPageAsync("fr", width: 360, height: 740);
        await page.GotoAsync(url);

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await BrowserFixture.ScreenshotAsync(page, "phone" + url.Replace('/', '-').TrimEnd('-'));
    }

    [Theory]
    [InlineData("/", "fr")]
    [InlineData("/", "en")]
    [InlineData("/statements", "fr")]
    [InlineData("/statements/liberez-omar-alsoumi", "fr")]
    [InlineData("/statements/lettre-au-president-de-la-republique", "en")]
    [InlineData("/organizations", "fr")]
    [InlineData("/organizations?q=cgt", "en")]
    [InlineData("/organizations/cgt", "fr")]
    [InlineData("/mobilizations", "fr")]
    [InlineData("/press", "en")]
    [InlineData("/privacy", "en")]
    [InlineData("/developers", "fr")]
    [InlineData("/statements/abandon-des-poursuites-contre-omar-alsoumi", "en")]
    [InlineData("/login", "fr")]
    [InlineData("/no-such-page", "fr")]
    public async Task Public_pages_have_no_serious_accessibility_violations(string url, string language)
    {
        var page = await browser.NewPageAsync(language);
        await page.GotoAsync(url);

        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_print_stylesheet_hides_navigation()
    {
        var page = await browser.NewPageAsync("fr");
        await page.GotoAsync("/statements/liberez-omar-alsoumi");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        (await page.Locator("nav.main-nav").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".signatory-list").IsVisibleAsync()).ShouldBeTrue();
    }
}

public class ContentSecurityPolicyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Pages_run_under_the_strict_policy_without_any_violation_or_console_error()
    {
        var page = await browser.NewPageAsync("fr");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        foreach (var url in new[] { "/", "/organizations", "/organizations/cgt", "/statements/liberez-omar-alsoumi", "/login", "/forgot-password" })
        {
            await page.GotoAsync(url);
        }

        errors.ShouldBeEmpty();
    }
}
