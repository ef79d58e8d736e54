using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>The sign widget inside another site: a member organization's page on another loopback origin embeds it with widget.js.</summary>
public class WidgetTests(BrowserFixture browser)
{
    private const string Petition = "abandon-des-poursuites-contre-omar-alsoumi";

    /// <summary>A "union site" on its own origin (another host name and port) whose page embeds the widget.</summary>
    private async Task<(WebApplication Site, string Url)> UnionSiteAsync(string language)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = builder.Build();
        var collectif = browser.BaseAddress.ToString().TrimEnd('/');
        site.MapGet("/", () => Results.Content(
            // overflow-anchor: none behaves as Safari does: no scroll anchoring to keep the message in sight.
            $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>Union site</title></head><body style=\"overflow-anchor:none\"><h1>Union site</h1>" +
            // Text above and below, as on a real page: the visitor scrolls down to the form.
            "<p style=\"height:700px\">News of the union.</p>" +
            $"<div data-collectif-petition=\"{Petition}\" data-lang=\"{language}\"></div><script src=\"{collectif}/js/widget.js\" async></script>" +
            "<p style=\"height:1500px\">More news.</p></body></html>",
            "text/html; charset=utf-8"));
        await site.StartAsync();
        var address = new Uri(site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // Another host name than Collectif's, so the frame is cross-site, not only cross-origin.
        var host = browser.BaseAddress.Host == "localhost" ? "127.0.0.1" : "localhost";
        return (site, $"http://{host}:{address.Port}/");
    }

    [Theory]
    [InlineData("en", "Sign", "Check your mailbox")]
    [InlineData("fr", "Signer", "Vérifiez votre boîte mail")]
    public async Task A_visitor_of_a_member_site_signs_in_the_embedded_widget_in_the_page_language(string language, string button, string sent)
    {
        var (site, url) = await UnionSiteAsync(language);
        await using var _ = site;
        var page = await browser.NewPageAsync(language, width: 390, height: 700); // a phone: the form is taller than the screen
        await page.GotoAsync(url);
        var frame = page.FrameLocator("iframe");
        await Assertions.Expect(frame.Locator("h1.widget-title")).ToBeVisibleAsync();
        // widget-frame.js reported its height and widget.js resized the frame.
        await page.WaitForFunctionAsync("() => document.querySelector('iframe').style.height !== '640px'");

        var email = $"widget-{Guid.NewGuid():N}@example.org";
        await frame.GetByLabel(language == "en" ? "First name" : "Prénom", new() { Exact = true }).FillAsync("Nadia");
        await frame.GetByLabel(language == "en" ? "Last name" : "Nom", new() { Exact = true }).FillAsync("Haddad");
        await frame.GetByLabel(language == "en" ? "E-mail address" : "Adresse e-mail", new() { Exact = true }).FillAsync(email);
        await frame.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

        await Assertions.Expect(frame.Locator(".petition-sent")).ToContainTextAsync(sent);

        // The frame shrank to its message, and the page brought the frame's top (the message) back into view.
        await page.WaitForFunctionAsync("() => { const frame = document.querySelector('iframe'); const top = frame.getBoundingClientRect().top; return parseInt(frame.style.height, 10) < 700 && top > -1 && top < window.innerHeight; }");
        var inner = page.Frames.Single(f => f != page.MainFrame);
        (await inner.EvaluateAsync<double>("() => window.scrollY")).ShouldBe(0, "the message is at the frame's top, not scrolled out of it");
        (await Collectif.Tests.SmtpSink.WaitForMessageAsync(email)).TextBody!.ShouldContain("/petitions/confirm/");
        await BrowserFixture.ScreenshotAsync(page, $"widget-embedded-{language}");
    }

    [Fact]
    public async Task The_widget_works_without_javascript_and_is_accessible()
    {
        var page = await browser.NewPageAsync("fr");
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "fr" });
        var response = await page.GotoAsync($"/widget/en/petitions/{Petition}");
        response!.Headers["content-security-policy"].ShouldContain("frame-ancestors http://127.0.0.1:* http://localhost:*");
        response.Headers.ShouldNotContainKey("x-frame-options");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en"); // the address names the language, not the browser
        await page.ShouldHaveNoSeriousViolationsAsync();

        var noScript = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false });
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync($"/widget/fr/petitions/{Petition}");
        await plain.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Léa");
        await plain.GetByLabel("Nom", new() { Exact = true }).FillAsync("Roux");
        await plain.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync($"widget-nojs-{Guid.NewGuid():N}@example.org");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(plain.Locator(".petition-sent")).ToBeVisibleAsync();
        plain.Url.ShouldContain("/widget/fr/petitions/");
        await noScript.CloseAsync();
    }
}
