using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>A press officer sends the demo's newswire release to a list: compose, preview, schedule, watch it go out.</summary>
public class PressTests(BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(string language) => browser.AdministratorPageAsync(language);

    [Fact]
    public async Task A_press_officer_previews_the_release_schedules_it_and_watches_every_mail_go_out()
    {
        var page = await SignedInAsync("en");
        await page.GotoAsync("/editor/press/distributions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Paris Call for Peace" }).ClickAsync();
        await page.WaitForURLAsync("**/editor/press/releases/paris-call-for-peace/send");

        await page.GetByLabel("International press (demo)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the mails" }).ClickAsync();
        await page.Locator("#plan-title").WaitForAsync();
        (await page.Locator("#plan-title + p").TextContentAsync())!.ShouldContain("2 recipients");
        var frame = page.Locator("iframe.mail-frame").First.ContentFrame;
        await Assertions.Expect(frame.Locator("h1")).ToContainTextAsync("Paris Call for Peace");
        (await frame.Locator("body").TextContentAsync())!.ShouldContain("###");
        await page.ShouldHaveNoSeriousViolationsAsync(frames: false);
        await BrowserFixture.ScreenshotAsync(page, "press-compose-en");
        await page.Locator("iframe.mail-frame").First.ScrollIntoViewIfNeededAsync();
        await page.Locator("iframe.mail-frame").First.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "press-preview-frame-en.png") });

        // The choice survived the preview; scheduling "now" hands the mails to the outbox.
        (await page.GetByLabel("International press (demo)").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the sending" }).ClickAsync();
        await page.WaitForURLAsync("**/editor/press/distributions/*");
        await Assertions.Expect(page.Locator("#progress")).ToContainTextAsync("2 mails sent", new() { Timeout = 30_000 });
        (await page.Locator("table.data tbody tr").CountAsync()).ShouldBe(2);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "press-distribution-en");

        var mail = await Collectif.Tests.SmtpSink.WaitForMessageAsync("s.collins@wire.example.org", subjectContains: "Paris Call for Peace");
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
    }

    [Theory]
    [InlineData("fr", "/editor/press/contacts", "press-contacts-fr")]
    [InlineData("en", "/editor/press/lists", "press-lists-en")]
    [InlineData("fr", "/editor/press/import", "press-import-fr")]
    [InlineData("en", "/editor/press/contacts", "press-contacts-en")]
    [InlineData("fr", "/editor/press/lists", "press-lists-fr")]
    [InlineData("en", "/editor/press/import", "press-import-en")]
    [InlineData("fr", "/editor/press/distributions", "press-distributions-fr")]
    [InlineData("en", "/editor/press/contacts", "press-contacts-phone-en", 390)]
    [InlineData("fr", "/editor/press/import", "press-import-phone-fr", 390)]
    [InlineData("fr", "/editor/press/releases/paris-call-for-peace/send", "press-compose-phone-fr", 390)]
    [InlineData("en", "/editor/press/distributions", "press-distributions-phone-en", 390)]
    public async Task The_press_desk_pages_are_accessible(string language, string url, string screenshot, int width = 1280)
    {
        var page = await browser.AdministratorPageAsync(language, width);
        await page.GotoAsync(url);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, screenshot);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_release_page_shows_its_source_and_the_editorial_policy_on_a_phone(string language)
    {
        var page = await browser.NewPageAsync(language, width: 390, height: 844);
        await page.GotoAsync("/statements/paris-call-for-peace");
        await page.Locator(".source").ScrollIntoViewIfNeededAsync();
        (await page.Locator(".source").TextContentAsync())!.ShouldContain("Alliance for Middle East Peace");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, $"press-release-source-{language}");
        await page.Locator(".source a[href='/editorial-policy']").ClickAsync();
        await page.WaitForURLAsync("**/editorial-policy");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, $"editorial-policy-{language}");
    }
}
