using System.Net;
using Collectif.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Collectif.Tests.Features.Statements;

/// <summary>What an editor sets besides the text (byline, tags, image, address) and what readers get from it, page and PDF.</summary>
public class PublishingTests(DemoApp app) : IClassFixture<DemoApp>
{
    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static Dictionary<string, string> Form(string title, string body, string slug, string kind = "Communique", string language = "fr", int baseRevision = 0) => new()
    {
        ["Form.Kind"] = kind,
        ["Form.Language"] = language,
        ["Form.Title"] = title,
        ["Form.Body"] = body,
        ["Form.Slug"] = slug,
        ["BaseRevision"] = baseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<HttpClient> EditorAsync(string language = "en")
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var client = app.Anonymous(language);
        await CollectifApp.SignInAsync(client, email, password);
        return client;
    }

    private static string NewSlug(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task PublishAsync(HttpClient editor, string slug) =>
        (await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=Publish", [], $"/editor/statements/{slug}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private static async Task<string> PdfTextAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task The_communique_pdf_has_real_text_its_byline_page_numbers_and_the_signatories_in_one_paragraph()
    {
        var response = await app.Anonymous().GetAsync("/statements/liberez-omar-alsoumi.pdf");
        var text = await PdfTextAsync(response);

        text.ShouldContain("Libérez Omar Alsoumi, militant franco-palestinien");
        text.ShouldContain("par Collectif National pour une Paix Juste et Durable");
        text.ShouldContain("Signataires (48)");
        text.ShouldContain("Agir Contre le Colonialisme Aujourd’hui (ACCA) – AFD International – Agir pour le changement");
        text.ShouldContain("1 / 2");
        text.ShouldContain("2 / 2");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        pdf.GetPage(1).Letters.Select(l => l.FontName ?? "").Distinct().ShouldAllBe(f => f.Contains('+')); // embedded subsets
        pdf.GetPage(1).Width.ShouldBe(595, tolerance: 1); // A4
    }

    [Fact]
    public async Task The_open_letter_pdf_and_page_keep_the_letter_layout()
    {
        var text = await PdfTextAsync(await app.Anonymous().GetAsync("/statements/lettre-au-president-de-la-republique.pdf"));
        text.ShouldContain("Monsieur Emmanuel MACRON");
        text.ShouldContain("Paris, le 31 août 2025");
        text.ShouldContain("Objet :");
        text.ShouldContain("Monsieur le Président,");

        var page = await app.Anonymous("fr").GetDocumentAsync("/statements/lettre-au-president-de-la-republique");
        page.Text(".salutation").ShouldBe("Monsieur le Président,");
        page.Text(".subject strong").ShouldBe("Objet\u00a0:");
    }

    [Fact]
    public async Task The_press_release_has_its_dateline_contacts_about_block_and_end_mark()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/statements/paris-call-for-peace");
        page.Text(".dateline").ShouldBe("PARIS, FRANCE, June 15, 2025 —");
        page.Text(".media-contacts h2").ShouldBe("Media contacts");
        page.Text(".media-contacts").ShouldContain("press@allmep.example");
        page.Text(".about h2").ShouldBe("About CNPJDPI");
        page.Text(".subtitle").ShouldStartWith("Macron Embraces");

        var text = await PdfTextAsync(await app.Anonymous().GetAsync("/statements/paris-call-for-peace.pdf"));
        text.ShouldContain("PARIS, FRANCE, June 15, 2025 —");
        text.ShouldContain("###");
        text.IndexOf("###", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Media contacts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_byline_is_never_empty_and_translations_link_to_each_other()
    {
        var french = await app.Anonymous("fr").GetDocumentAsync("/statements/liberez-omar-alsoumi");
        french.Text(".byline").ShouldBe("par Collectif National pour une Paix Juste et Durable entre Palestiniens et Israéliens");
        french.QuerySelector(".translations a[hreflang=en]")!.GetAttribute("href").ShouldBe("/statements/free-omar-alsoumi");
        french.QuerySelector("link[rel=alternate][hreflang=en]").ShouldNotBeNull();

        var english = await app.Anonymous("fr").GetDocumentAsync("/statements/free-omar-alsoumi");
        english.Text(".byline").ShouldStartWith("by National Collective");
        english.QuerySelector(".translations a[hreflang=fr]")!.TextContent.ShouldBe("Lire en français");

        var list = await app.Anonymous("fr").GetDocumentAsync("/statements");
        list.QuerySelectorAll(".card .byline").Select(b => b.TextContent.Trim()).ShouldAllBe(b => b.Length > 4);
    }

    [Fact]
    public async Task French_typography_puts_narrow_no_break_spaces_before_high_punctuation_and_inside_guillemets()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("typo");
        await editor.PostFormAsync("/editor/statements/new", Form("Typographie", "Pourquoi ? Parce que : « la paix » ! Voir https://example.org/page?id=3 à 14:30.", slug));
        await PublishAsync(editor, slug);

        var body = (await app.Anonymous().GetDocumentAsync($"/statements/{slug}")).Text(".statement-body");
        body.ShouldBe("Pourquoi\u202F? Parce que\u202F: «\u202Fla paix\u202F»\u202F! Voir https://example.org/page?id=3 à 14:30.");
    }

    [Fact]
    public async Task An_editor_sets_byline_tags_and_image_and_readers_filter_by_tag()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("tags");
        var tag = "Sujet " + Guid.NewGuid().ToString("N")[..6];
        var cgt = await app.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Acronym == "CGT"));
        var fields = Form("Texte illustré", "Un texte avec une image.", slug);
        fields["Form.BylineOrganizationId"] = cgt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["Form.Tags"] = $"{tag}, Gaza, {tag}";
        fields["Form.ImageAlt"] = "Une foule place de la République";
        fields["Form.ImageCaption"] = "Rassemblement du 18 novembre";
        fields["Form.ImageCredit"] = "Photo Collectif";

        var created = await editor.PostMultipartAsync("/editor/statements/new", fields, new() { ["Image"] = ("foule.png", Png) });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Anonymous().GetAsync($"/statements/{slug}/image")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // draft
        await PublishAsync(editor, slug);

        var page = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        page.Text(".byline").ShouldBe("par Confédération générale du Travail (CGT)");
        page.QuerySelectorAll(".tags a").Select(a => a.TextContent).ShouldBe([tag, "Gaza"]);
        page.QuerySelector(".lead-image img")!.GetAttribute("alt").ShouldBe("Une foule place de la République");
        page.Text(".lead-image figcaption").ShouldContain("© Photo Collectif");
        page.QuerySelector("meta[property='og:image']").ShouldNotBeNull();
        var image = await app.Anonymous().GetAsync(page.QuerySelector(".lead-image img")!.GetAttribute("src"));
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await image.Content.ReadAsByteArrayAsync()).ShouldBe(Png);

        var tagSlug = page.QuerySelector(".tags a")!.GetAttribute("href")!;
        var filtered = await app.Anonymous().GetDocumentAsync(tagSlug);
        filtered.QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")).ShouldBe([$"/statements/{slug}"]);
    }

    [Fact]
    public async Task A_new_address_redirects_the_old_one_permanently_page_and_pdf()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("ancien");
        var renamed = NewSlug("nouveau");
        await editor.PostFormAsync("/editor/statements/new", Form("Texte renommé", "Texte.", slug));
        await PublishAsync(editor, slug);

        var saved = await editor.PostFormAsync($"/editor/statements/{slug}/edit", Form("Texte renommé", "Texte.", renamed, baseRevision: 1), $"/editor/statements/{slug}/edit");
        saved.Headers.Location!.OriginalString.ShouldBe($"/editor/statements/{renamed}/edit");

        var old = await app.Anonymous().GetAsync($"/statements/{slug}");
        old.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        old.Headers.Location!.OriginalString.ShouldBe($"/statements/{renamed}");
        var oldPdf = await app.Anonymous().GetAsync($"/statements/{slug}.pdf");
        oldPdf.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        oldPdf.Headers.Location!.OriginalString.ShouldBe($"/statements/{renamed}.pdf");
        (await app.Anonymous().GetAsync($"/statements/{renamed}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Another statement cannot take the old address: it still belongs to this one.
        var taken = await editor.PostFormAsync("/editor/statements/new", Form("Autre", "Autre.", slug));
        taken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_new_revision_prints_a_new_pdf_and_the_same_text_is_served_from_the_cache()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("pdf");
        await editor.PostFormAsync("/editor/statements/new", Form("Première version", "Premier texte.", slug));
        await PublishAsync(editor, slug);

        (await PdfTextAsync(await app.Anonymous().GetAsync($"/statements/{slug}.pdf"))).ShouldContain("Premier texte.");
        await editor.PostFormAsync($"/editor/statements/{slug}/edit", Form("Deuxième version", "Second texte.", slug, baseRevision: 1), $"/editor/statements/{slug}/edit");
        var text = await PdfTextAsync(await app.Anonymous().GetAsync($"/statements/{slug}.pdf"));
        text.ShouldContain("Second texte.");
        text.ShouldNotContain("Premier texte.");
        await PdfTextAsync(await app.Anonymous().GetAsync($"/statements/{slug}.pdf"));

        var cached = await app.WithDbAsync(db => db.StatementPdfs.CountAsync(p => db.Statements.Any(s => s.Id == p.StatementId && s.Slug == slug)));
        cached.ShouldBe(1);
    }

    [Theory]
    [InlineData("Image", "Le fichier doit être une image PNG, JPEG ou WebP.")]
    [InlineData("Tags", "10 étiquettes au plus.")]
    [InlineData("Alt", "Décrivez l’image pour les personnes qui ne la voient pas.")]
    [InlineData("Slug", "L’adresse ne peut contenir que des lettres minuscules, des chiffres et des traits d’union simples.")]
    public async Task Bad_presentation_fields_are_explained_and_nothing_is_saved(string field, string message)
    {
        var editor = await EditorAsync("fr");
        var slug = NewSlug("mauvais");
        var fields = Form("Texte", "Texte.", field == "Slug" ? "Pas Une Adresse" : slug);
        var files = new Dictionary<string, (string, byte[])>();
        switch (field)
        {
            case "Image":
                fields["Form.ImageAlt"] = "Image";
                files["Image"] = ("script.png", "<svg onload=alert(1)>"u8.ToArray());
                break;
            case "Tags":
                fields["Form.Tags"] = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"tag{i}"));
                break;
            case "Alt":
                files["Image"] = ("photo.png", Png);
                break;
        }

        var response = await editor.PostMultipartAsync("/editor/statements/new", fields, files);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
        (await app.WithDbAsync(db => db.Statements.AnyAsync(s => s.Slug == slug))).ShouldBeFalse();
    }
}
