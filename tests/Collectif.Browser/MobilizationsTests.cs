using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>A day of action in several cities, then a ban on one rally, in a real browser.</summary>
public class MobilizationsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_creates_a_multi_city_day_of_action_and_records_a_ban()
    {
        var page = await browser.NewPageAsync("fr");
        await page.GotoAsync("/login");
        await page.GetByLabel("Adresse e-mail").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Mot de passe").FillAsync(BrowserFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync("**/login/two-factor**");
        await page.GetByLabel("Code").FillAsync(BrowserFixture.Totp(BrowserFixture.AdminAuthenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");

        var title = "Journée d’action " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/mobilizations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle mobilisation" }).ClickAsync();
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        await page.GetByLabel("Collez une annonce pour en retrouver les rassemblements").FillAsync(
            "Samedi 21 mars 2026, rassemblements :\n- Paris, 14h30, place de la République\n- Lyon : 15h, place Bellecour\n- Marseille, 14h, Vieux-Port");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();
        (await page.Locator(".announcement-preview tbody tr").CountAsync()).ShouldBe(3);
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter ces rassemblements" }).ClickAsync();
        (await page.Locator("table.data tbody tr").CountAsync()).ShouldBe(3);

        await page.GetByLabel("Statut", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Interdit" });
        await page.GetByLabel("Pour", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Lyon — place Bellecour" });
        await page.GetByLabel("Interdit par").FillAsync("Préfecture du Rhône");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l’état" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "mobilization-editor-fr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Page publique" }).ClickAsync();
        (await page.Locator(".current-status").TextContentAsync())!.Trim().ShouldBe("État : Interdit (Lyon)");
        (await page.Locator(".gathering h3").AllTextContentsAsync()).Select(t => t.Trim()).ShouldContain(t => t.StartsWith("Lyon") && t.Contains("Interdit"));
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "mobilization-fr");
    }
}
