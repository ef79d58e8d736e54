using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>The pages of the open interfaces: API tokens, webhooks, the reference and the widget, in both languages, on a computer and a phone.</summary>
public class ApiPagesTests(BrowserFixture browser)
{
    /// <summary>What sticks out past the window (outside scrolling tables), named in the failure so a regression says where it is.</summary>
    private const string WhatSticksOut =
        "[...document.querySelectorAll('body *')]" +
        ".filter(e => (e.getBoundingClientRect().right > innerWidth + 1 && !(e.closest('.data') && e.closest('.data') !== e)) || e.scrollWidth > innerWidth)" +
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)).join(' | ')";

    private static async Task ShouldFitAsync(IPage page, int width) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, await page.EvaluateAsync<string>(WhatSticksOut));

    [Theory]
    [InlineData("fr", 1280, "Nom", "Créer le jeton", "Copiez votre nouveau jeton")]
    [InlineData("en", 1280, "Name", "Create the token", "Copy your new token")]
    [InlineData("fr", 390, "Nom", "Créer le jeton", "Copiez votre nouveau jeton")]
    [InlineData("en", 390, "Name", "Create the token", "Copy your new token")]
    public async Task An_administrator_creates_an_api_token_and_sees_it_once(string language, int width, string name, string create, string copy)
    {
        var page = await browser.AdministratorPageAsync(language, width);
        await page.GotoAsync("/account/tokens");
        await page.GetByLabel(name, new() { Exact = true }).FillAsync("CRM " + language + width);
        await page.Locator("input[name=Scopes][value=Read]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = create }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync(copy);
        (await page.Locator("#new-token").InputValueAsync()).ShouldStartWith("clf_");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, $"api-tokens-{language}-{width}");
    }

    [Theory]
    [InlineData("fr", 1280, "Adresse (URL)", "Créer le webhook", "Envoyer un événement de test")]
    [InlineData("en", 1280, "Address (URL)", "Create the webhook", "Send a test event")]
    [InlineData("fr", 390, "Adresse (URL)", "Créer le webhook", "Envoyer un événement de test")]
    [InlineData("en", 390, "Address (URL)", "Create the webhook", "Send a test event")]
    public async Task An_administrator_adds_a_webhook_sends_a_test_event_and_reads_its_log(string language, int width, string address, string create, string test)
    {
        var page = await browser.AdministratorPageAsync(language, width);
        await page.GotoAsync("/admin/webhooks");
        await page.GetByLabel(address).FillAsync($"https://crm-{language}-{width}.example.org/hooks/collectif");
        await page.Locator("input[name=Events][value=StatementPublished]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = create }).ClickAsync();
        (await page.Locator("#new-secret").InputValueAsync()).ShouldStartWith("whsec_");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, $"webhooks-{language}-{width}");

        await page.Locator(".notice a").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = test }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("ping");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, $"webhook-log-{language}-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = language == "fr" ? "Nouveau secret de signature" : "New signing secret" }).ClickAsync();
        (await page.Locator("#new-secret").InputValueAsync()).ShouldStartWith("whsec_");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, $"webhook-rotated-{language}-{width}");
    }

    [Theory]
    [InlineData("fr", 1280)]
    [InlineData("en", 1280)]
    [InlineData("fr", 390)]
    [InlineData("en", 390)]
    public async Task The_petition_page_gives_the_embed_code_readably_on_a_computer_and_a_phone(string language, int width)
    {
        var page = await browser.AdministratorPageAsync(language, width);
        await page.GotoAsync("/editor/statements/abandon-des-poursuites-contre-omar-alsoumi/petition");
        await Assertions.Expect(page.Locator("#embed-script")).ToContainTextAsync("data-collectif-petition");
        await page.Locator("#embed-title").ScrollIntoViewIfNeededAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"petition-embed-{language}-{width}.png") }); // the embed section, in view
    }

    [Theory]
    [InlineData("fr", 1280, "Momentanément indisponible")]
    [InlineData("en", 390, "Briefly unavailable")]
    [InlineData("fr", 390, "Momentanément indisponible")]
    public async Task The_page_shown_while_the_database_is_away_reads_well(string language, int width, string title)
    {
        var page = await browser.NewPageAsync(language, width: width);
        var response = await page.GotoAsync("/error/503");
        response!.Status.ShouldBe(503);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await ShouldFitAsync(page, width);
        await BrowserFixture.ScreenshotAsync(page, $"error-503-{language}-{width}");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_widget_and_the_reference_fit_a_phone(string language)
    {
        var page = await browser.NewPageAsync(language, width: 360, height: 740);
        await page.GotoAsync($"/widget/{language}/petitions/abandon-des-poursuites-contre-omar-alsoumi");
        await ShouldFitAsync(page, 360);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, $"widget-phone-{language}");

        await page.GotoAsync("/developers");
        await ShouldFitAsync(page, 360);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/developers");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"developers-{language}.png") }); // the top: the page is long
    }
}
