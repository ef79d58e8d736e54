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

    private static Dictionary<string, string> Form(string title, string body, string slug, string kind = "Communique", string language = "fr", int baseRevision = 0) =>
        CollectifApp.StatementForm(title, body, slug, baseRevision, kind, language);

    private Task<HttpClient> EditorAsync(string language = "en") => app.SignedInAsync(language, Roles.Editor);

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
        text.ShouldContain("AFD International – Agir Contre le Colonialisme Aujourd’hui (ACCA) – Agir pour le changement");
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
        Collectif.Tests.Web.Images.ShouldShowTheSamePixelsAs(await image.Content.ReadAsByteArrayAsync(), Png); // stored re-encoded (UploadedImagesTests)

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

    [Fact]
    public async Task Script_in_any_presentation_field_is_written_as_text_on_the_page_and_in_the_pdf()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("xss");
        const string attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var fields = Form("Communiqué de presse", "Texte.", slug, kind: "PressRelease");
        fields["Form.Subtitle"] = attack;
        fields["Form.DatelineCity"] = attack;
        fields["Form.MediaContacts"] = attack + " [x](javascript:alert(3))";
        fields["Form.About"] = attack;
        fields["Form.Tags"] = attack;
        fields["Form.ImageAlt"] = "\" onload=\"alert(4)";
        fields["Form.ImageCaption"] = attack;
        (await editor.PostMultipartAsync("/editor/statements/new", fields, new() { ["Image"] = ("x.png", Png) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await PublishAsync(editor, slug);

        var page = await app.Anonymous().GetDocumentAsync($"/statements/{slug}");
        page.QuerySelectorAll("main script, main iframe, main img:not(.lead-image img)").ShouldBeEmpty();
        page.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ShouldNotContain(h => h.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        page.Text(".subtitle").ShouldBe(attack);

        var text = await PdfTextAsync(await app.Anonymous().GetAsync($"/statements/{slug}.pdf"));
        text.ShouldContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task Arabic_names_keep_their_letters_in_the_pdf()
    {
        var editor = await EditorAsync();
        var slug = NewSlug("arabe");
        await editor.PostFormAsync("/editor/statements/new", Form("Solidarité", "Texte.", slug));
        await app.WithDbAsync(async db =>
        {
            var statement = await db.Statements.SingleAsync(s => s.Slug == slug);
            db.StatementSignatories.Add(new Collectif.Features.Statements.StatementSignatory { StatementId = statement.Id, PersonName = "جمعية الصداقة", Position = 1 });
            await db.SaveChangesAsync();
        });
        await PublishAsync(editor, slug);

        var response = await app.Anonymous().GetAsync($"/statements/{slug}.pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var letters = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));

        // Chromium shapes Arabic: the letters are the joined presentation forms (here initial jeem,
        // U+FE9F), laid out right to left; read back in logical order they spell the name.
        var arabic = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value).Where(v => v.Length > 0 && (v[0] is >= '\u0600' and <= '\u06FF' or >= '\uFE70' and <= '\uFEFF' || v == " ")));
        arabic.ShouldContain("\uFE9F");
        string.Concat(arabic.Trim().Reverse()).Normalize(System.Text.NormalizationForm.FormKC).ShouldBe("جمعية الصداقة");
    }

    [Theory]
    [InlineData("Form.LetterDate", "2025-13-45", "La valeur « 2025-13-45 » n’est pas valide.")]
    [InlineData("Form.Kind", "Poem", "La valeur « Poem » n’est pas valide.")]
    [InlineData("Form.Language", "de", "Choisissez le français ou l’anglais.")]
    public async Task Malformed_values_are_explained_in_the_page_language(string field, string value, string message)
    {
        var editor = await EditorAsync("fr");
        var fields = Form("Texte", "Texte.", NewSlug("mal"));
        fields[field] = value;

        var response = await editor.PostFormAsync("/editor/statements/new", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
    }

    [Fact]
    public async Task A_ten_megabyte_body_is_refused_with_a_message_not_an_error_page()
    {
        var editor = await EditorAsync("en");

        var response = await editor.PostFormAsync("/editor/statements/new", Form("Huge", new string('a', 10 * 1024 * 1024), NewSlug("huge")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text("main").ShouldContain("too long");
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

/// <summary>Without Chromium, PDFs degrade clearly: no link, a 503 that says why, a warning for the administrator.</summary>
public class PdfWithoutChromiumTests : IAsyncLifetime
{
    private readonly DemoApp _app = new() { ChromiumPath = "/nonexistent/chromium" };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_link_is_hidden_the_endpoint_explains_and_the_dashboard_warns()
    {
        var page = await _app.Anonymous("fr").GetDocumentAsync("/statements/liberez-omar-alsoumi");
        page.QuerySelector(".download").ShouldBeNull();

        var pdf = await _app.Anonymous("fr").GetAsync("/statements/liberez-omar-alsoumi.pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await pdf.Content.ReadAsStringAsync()).ShouldContain("L’impression en PDF n’est pas disponible sur ce serveur.");

        var admin = await _app.AdministratorAsync("en");
        (await admin.GetDocumentAsync("/admin")).Text(".notice.warning").ShouldContain("/nonexistent/chromium");
    }
}
