using System.Diagnostics;
using Collectif.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Collectif.Browser;

/// <summary>The whole life of a statement in a real browser: draft, consultation, amendment, acceptance, publication, translation, PDF.</summary>
public class StatementsTests(BrowserFixture browser)
{
    private async Task<IPage> SignInAsync(string email, string password, string language, bool twoFactor)
    {
        var page = await browser.NewPageAsync(language);
        await page.GotoAsync("/login");
        await page.GetByLabel(language == "fr" ? "Adresse e-mail" : "E-mail address").FillAsync(email);
        await page.GetByLabel(language == "fr" ? "Mot de passe" : "Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = language == "fr" ? "Se connecter" : "Sign in" }).ClickAsync();
        if (twoFactor)
        {
            await page.WaitForURLAsync("**/login/two-factor**");
            await page.GetByLabel("Code").FillAsync(BrowserFixture.Totp(BrowserFixture.AdminAuthenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = language == "fr" ? "Se connecter" : "Sign in" }).ClickAsync();
        }

        await page.WaitForLoadStateAsync();
        return page;
    }

    /// <summary>A member organization's delegate, created in the store (the invitation flow has its own test).</summary>
    private async Task<(string Email, string Password)> DelegateAsync()
    {
        var email = $"delegate-{Guid.NewGuid():N}@example.org";
        const string password = "a delegate's long passphrase";
        await using var scope = browser.Application.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(account, password)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>();
        db.Delegations.Add(new Delegation { AccountId = account.Id, OrganizationId = db.Organizations.Single(o => o.Acronym == "FSU").Id });
        await db.SaveChangesAsync();
        return (email, password);
    }

    [Fact]
    public async Task A_statement_is_drafted_amended_accepted_published_translated_and_downloaded()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var editor = await SignInAsync(BrowserFixture.AdminEmail, BrowserFixture.AdminPassword, "fr", twoFactor: true);

        // Draft
        await editor.GotoAsync("/editor/statements/new");
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync($"Appel unitaire {tag}");
        await editor.GetByLabel("Texte", new() { Exact = true }).FillAsync("Nous appelons à la mobilisation.\n\nRendez-vous samedi place de la République.\n\nSoyons nombreux !");
        await editor.GetByLabel("Étiquettes").FillAsync("Mobilisation, Libertés");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await editor.WaitForURLAsync("**/edit");
        var slug = new Uri(editor.Url).AbsolutePath.Split('/')[3];

        // Consultation of member delegates
        await editor.GetByLabel("Ouvrir aux délégués des membres jusqu’au, heure de Europe/Paris").FillAsync(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la consultation" }).ClickAsync();
        if (await editor.Locator(".status").CountAsync() == 0)
        {
            throw new InvalidOperationException(editor.Url + "\n" + await editor.Locator("main").InnerTextAsync());
        }

        (await editor.Locator(".status").TextContentAsync())!.ShouldContain("En consultation");
        await editor.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(editor, "statement-editor-fr");

        var (email, password) = await DelegateAsync();
        var member = await SignInAsync(email, password, "fr", twoFactor: false);
        await member.GotoAsync($"/consultations/{slug}");
        await member.GetByLabel("Paragraphe").Nth(1).SelectOptionAsync("2");
        await member.GetByLabel("Mots à remplacer (copiés exactement depuis le paragraphe)").FillAsync("samedi");
        await member.GetByLabel("Les remplacer par (vide pour les supprimer)").FillAsync("samedi 18 novembre à 14 h 30");
        await member.GetByLabel("Raison", new() { Exact = true }).FillAsync("Donner l’heure.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Proposer l’amendement" }).ClickAsync();
        (await member.Locator("#p2 .amendment").TextContentAsync())!.ShouldContain("samedi 18 novembre à 14 h 30");
        await member.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(member, "consultation-fr");

        // The editor accepts: a new revision
        await editor.GotoAsync($"/consultations/{slug}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Retenir (crée une révision)" }).ClickAsync();
        (await editor.Locator(".amendment-accepted").TextContentAsync())!.ShouldContain("Intégré à la révision 2.");

        // Publish, then translate
        await editor.GotoAsync($"/editor/statements/{slug}/edit");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Commencer la version anglaise" }).ClickAsync();
        await editor.WaitForURLAsync($"**/{slug}-en/edit");
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync($"Joint call {tag}");
        await editor.GetByLabel("Texte", new() { Exact = true }).FillAsync("We call for mobilization.\n\nMeet on Saturday, November 18 at 2:30 pm, place de la République.\n\nLet us be many!");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();

        // The public page, in both languages, and its PDF
        var reader = await browser.NewPageAsync("fr");
        await reader.GotoAsync($"/statements/{slug}");
        (await reader.Locator(".statement-body").TextContentAsync())!.ShouldContain("samedi 18 novembre à 14 h 30");
        (await reader.Locator(".byline").TextContentAsync())!.Trim().ShouldStartWith("par Collectif National");
        await reader.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(reader, "statement-fr");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Read in English" }).ClickAsync();
        (await reader.Locator("h1").TextContentAsync()).ShouldBe($"Joint call {tag}");

        await reader.GotoAsync($"/statements/{slug}");
        var download = await reader.RunAndWaitForDownloadAsync(() => reader.GetByRole(AriaRole.Link, new() { Name = "Télécharger le texte (PDF)" }).ClickAsync());
        var pdf = Path.Combine(BrowserFixture.Screenshots, $"statement-{tag}.pdf");
        await download.SaveAsAsync(pdf);
        (await File.ReadAllBytesAsync(pdf))[..4].ShouldBe("%PDF"u8.ToArray());
        RenderFirstPage(pdf, "statement-pdf-fr");
        File.Delete(pdf);
    }

    [Fact]
    public async Task A_delegate_signs_from_the_invitation_link_and_gets_a_receipt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (email, _) = await DelegateAsync();
        var editor = await SignInAsync(BrowserFixture.AdminEmail, BrowserFixture.AdminPassword, "fr", twoFactor: true);
        await editor.GotoAsync("/editor/statements/new");
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync($"Texte à signer {tag}");
        await editor.GetByLabel("Texte", new() { Exact = true }).FillAsync("Nous demandons la libération immédiate des militants.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await editor.WaitForURLAsync("**/edit");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Recueil des signatures : solliciter les organisations" }).ClickAsync();

        await editor.GetByLabel("Toutes les organisations membres actuelles").UncheckAsync();
        await editor.GetByLabel("Ou seulement ces membres (si la case ci-dessus est décochée)").SelectOptionAsync(new SelectOptionValue { Label = "Fédération Syndicale Unitaire" });
        await editor.GetByLabel("Réponses jusqu’au, heure de Europe/Paris").FillAsync(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByLabel("Sauf avis contraire : les membres qui ne se sont pas opposés avant l’échéance figurent, avec cette mention").CheckAsync();
        await editor.ShouldHaveNoSeriousViolationsAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Ouvrir les signatures et envoyer les invitations" }).ClickAsync();
        (await editor.Locator(".tally").TextContentAsync())!.ShouldContain("pas encore de réponse");

        var mail = await Collectif.Tests.SmtpSink.WaitForMessageAsync(email);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"https?://\S+/sign-on/\S+").Value);
        var member = await browser.NewPageAsync("fr");
        await member.GotoAsync(link.PathAndQuery);
        (await member.Locator("h1").TextContentAsync()).ShouldBe("Votre organisation signe-t-elle ?");
        await member.ShouldHaveNoSeriousViolationsAsync();
        await member.GetByLabel("Nous signons").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse" }).ClickAsync();
        (await member.Locator(".success").TextContentAsync())!.ShouldContain("Votre reçu : entrée 1 du registre public");
        await BrowserFixture.ScreenshotAsync(member, "sign-on-answer-fr");

        var slug = new Uri(editor.Url).AbsolutePath.Split('/')[3];
        await editor.GotoAsync($"/editor/statements/{slug}/edit");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await member.ReloadAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Le vérifier" }).ClickAsync();
        (await member.Locator(".success").TextContentAsync())!.ShouldContain("L’entrée 1 est dans la chaîne : Fédération Syndicale Unitaire (FSU)");
        await member.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(member, "ledger-fr");

        await editor.GotoAsync($"/editor/statements/{slug}/sign-on");
        (await editor.Locator(".tally strong").First.TextContentAsync()).ShouldBe("1");
        await BrowserFixture.ScreenshotAsync(editor, "sign-on-board-fr");
    }

    [Theory]
    [InlineData("lettre-au-president-de-la-republique", "fr", "open-letter-fr")]
    [InlineData("paris-call-for-peace", "en", "press-release-en")]
    public async Task The_open_letter_and_the_press_release_look_right_on_the_page_and_in_print(string slug, string language, string name)
    {
        var page = await browser.NewPageAsync(language);
        await page.GotoAsync($"/statements/{slug}");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, name);

        var response = await page.APIRequest.GetAsync($"/statements/{slug}.pdf");
        response.Status.ShouldBe(200);
        var pdf = Path.Combine(BrowserFixture.Screenshots, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, await response.BodyAsync());
        RenderFirstPage(pdf, name + "-pdf");
        File.Delete(pdf);
    }

    [Fact]
    public async Task Search_finds_words_without_accents_and_marks_them()
    {
        var page = await browser.NewPageAsync("fr");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Rechercher" }).ClickAsync();
        await page.GetByLabel("Mots à chercher dans les textes").FillAsync("liberez omar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();

        (await page.Locator(".search-results h2").First.TextContentAsync())!.Trim().ShouldBe("Libérez Omar Alsoumi, militant franco-palestinien !");
        (await page.Locator(".search-results mark").First.TextContentAsync()).ShouldBe("Libérez");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await BrowserFixture.ScreenshotAsync(page, "search-fr");
    }

    /// <summary>The PDF's first page as a PNG next to the screenshots, to look at (poppler's pdftoppm, installed by ./test).</summary>
    private static void RenderFirstPage(string pdf, string name)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(BrowserFixture.Screenshots, name)]) { RedirectStandardError = true })!;
        process.WaitForExit(30_000).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
    }
}
