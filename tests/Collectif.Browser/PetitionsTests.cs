using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>A newcomer signs the demo petition on a phone, confirms from the mail and sees their receipt, in French and English.</summary>
public partial class PetitionsTests(BrowserFixture browser)
{
    private const string Petition = "/statements/abandon-des-poursuites-contre-omar-alsoumi";

    [GeneratedRegex(@"https?://\S+/petitions/confirm/\S+")]
    private static partial Regex ConfirmLink();

    [Theory]
    [InlineData("fr", "Prénom", "Nom", "Adresse e-mail", "Code postal", "Signer", "Vérifiez votre boîte mail", "Confirmer ma signature", "Merci : votre signature est confirmée et comptée.")]
    [InlineData("en", "First name", "Last name", "E-mail address", "Postcode", "Sign", "Check your mailbox", "Confirm my signature", "Thank you: your signature is confirmed and counted.")]
    public async Task A_newcomer_signs_on_a_phone_confirms_by_mail_and_gets_a_receipt(
        string language, string firstName, string lastName, string emailLabel, string postcode, string sign, string checkMail, string confirm, string thanks)
    {
        var page = await browser.NewPageAsync(language, width: 360, height: 740);
        var email = $"phone-{language}-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync(Petition);
        var before = int.Parse(Regex.Replace((await page.Locator(".counter .count").TextContentAsync())!, @"\D", ""), System.Globalization.CultureInfo.InvariantCulture);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.Locator(".petition").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, $"petition-phone-{language}");

        // Nothing typed: the errors come back next to their fields, without losing the page.
        await page.GetByRole(AriaRole.Button, new() { Name = sign, Exact = true }).ClickAsync();
        await page.Locator("#sign-FirstName-error").WaitForAsync();
        (await page.Locator("#sign-FirstName").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByLabel(firstName, new() { Exact = true }).FillAsync("Camille");
        await page.GetByLabel(lastName, new() { Exact = true }).FillAsync("Navigateur");
        await page.GetByLabel(emailLabel).FillAsync(email);
        await page.GetByLabel(postcode).FillAsync("69001");
        await page.GetByRole(AriaRole.Button, new() { Name = sign, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = checkMail }).WaitForAsync(); // the script replaced the form, no reload
        page.Url.ShouldEndWith(Petition);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, $"petition-sent-{language}");

        var message = await Collectif.Tests.SmtpSink.WaitForMessageAsync(email);
        await page.GotoAsync(new Uri(ConfirmLink().Match(message.TextBody!).Value).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = confirm }).ClickAsync();
        (await page.Locator(".success").TextContentAsync())!.Trim().ShouldBe(thanks);
        (await page.Locator(".receipt code.hash").First.TextContentAsync())!.Length.ShouldBe(64);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, $"petition-receipt-{language}");

        // Back on the page, the counter follows by itself (the script asks every 15 seconds; figures are cached for 3).
        await page.GotoAsync(Petition);
        await Assertions.Expect(page.Locator(".counter .count")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 40_000 });
    }
}
