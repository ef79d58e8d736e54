using System.Text;
using System.Text.Encodings.Web;
using Collectif.Features.Coalitions;
using Collectif.Text;
using Collectif.Web;

namespace Collectif.Features.Statements.Pdf;

/// <summary>What a printed statement shows besides the statement row itself.</summary>
public sealed record PrintContent(
    Statement Statement, Coalition Coalition, byte[]? Logo, byte[]? Image,
    IReadOnlyList<SignatoryLine> Signatories, IReadOnlyList<string> Tags, Func<string, string> Label);

/// <summary>
/// The statement as a standalone HTML document for printing to A4: coalition header, the
/// open-letter or press-release blocks, the body, the signatory list in the seed's one-paragraph
/// form, page numbers in the margin. Everything is inline (images as data: URIs) so the printer
/// needs no network, and user text is encoded or sanitized exactly as on the page.
/// </summary>
public static class StatementPrint
{
    public static string Html(PrintContent content)
    {
        var s = content.Statement;
        var language = s.Language;
        var coalition = content.Coalition;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(E(s.Title)).Append("</title><style>").Append(Css(T(s.Title.Length > 90 ? s.Title[..s.Title.LastIndexOf(' ', 88)] + " …" : s.Title, language))).Append("</style></head><body>");

        html.Append("<header class=\"coalition\">");
        if (content.Logo is { } logo && coalition.LogoContentType is { } logoType)
        {
            html.Append("<img src=\"data:").Append(E(logoType)).Append(";base64,").Append(Convert.ToBase64String(logo)).Append("\" alt=\"\">");
        }

        html.Append("<p><strong>").Append(E(coalition.Acronym)).Append("</strong><br>").Append(E(coalition.Name(language))).Append("</p></header>");

        html.Append("<p class=\"kind\">").Append(E(KindLabel(s.Kind, language)));
        if (s.PublishedAt is { } published)
        {
            html.Append(" · ").Append(E(StatementFormat.Date(StatementFormat.LocalDate(published, coalition), language)));
        }

        html.Append("</p><h1>").Append(E(T(s.Title, language))).Append("</h1>");
        if (s.Subtitle is { Length: > 0 } subtitle)
        {
            html.Append("<p class=\"subtitle\">").Append(E(T(subtitle, language))).Append("</p>");
        }

        html.Append("<p class=\"byline\">").Append(E(StatementFormat.By(language))).Append(' ').Append(E(StatementFormat.Byline(s, coalition))).Append("</p>");

        if (content.Image is { } image && s.ImageContentType is { } imageType)
        {
            html.Append("<figure><img src=\"data:").Append(E(imageType)).Append(";base64,").Append(Convert.ToBase64String(image)).Append("\" alt=\"").Append(E(s.ImageAlt ?? "")).Append("\">");
            if (s.ImageCaption is { Length: > 0 } || s.ImageCredit is { Length: > 0 })
            {
                html.Append("<figcaption>").Append(E(s.ImageCaption ?? ""));
                if (s.ImageCredit is { Length: > 0 } credit)
                {
                    html.Append(" © ").Append(E(credit));
                }

                html.Append("</figcaption>");
            }

            html.Append("</figure>");
        }

        if (s.Kind == StatementKind.OpenLetter)
        {
            if (s.Addressee is { Length: > 0 } addressee)
            {
                html.Append("<address>").Append(string.Join("<br>", addressee.Split('\n').Select(l => E(l.Trim())))).Append("</address>");
            }

            if (StatementFormat.PlaceAndDate(s) is { Length: > 0 } placeAndDate)
            {
                html.Append("<p class=\"place-date\">").Append(E(placeAndDate)).Append("</p>");
            }

            if (s.Subject is { Length: > 0 } subject)
            {
                html.Append("<p class=\"subject\"><strong>").Append(E(StatementFormat.SubjectLabel(language))).Append("</strong> ").Append(E(T(subject, language))).Append("</p>");
            }

            if (s.Salutation is { Length: > 0 } salutation)
            {
                html.Append("<p>").Append(E(salutation)).Append("</p>");
            }
        }

        if (StatementFormat.Dateline(s, coalition) is { } dateline)
        {
            html.Append("<p class=\"dateline\"><strong>").Append(E(dateline)).Append("</strong></p>");
        }

        html.Append("<main>").Append(Markdown.ToHtml(s.Body, language)).Append("</main>");

        if (s.Kind == StatementKind.PressRelease)
        {
            html.Append("<p class=\"end\">###</p>");
        }

        if (s.MediaContacts is { Length: > 0 } contacts)
        {
            html.Append("<section><h2>").Append(E(StatementFormat.MediaContactsTitle(language))).Append("</h2>").Append(Markdown.ToHtml(contacts, language)).Append("</section>");
        }

        if (s.About is { Length: > 0 } about)
        {
            html.Append("<section><h2>").Append(E(StatementFormat.AboutTitle(coalition, language))).Append("</h2>").Append(Markdown.ToHtml(about, language)).Append("</section>");
        }

        if (content.Signatories.Count > 0)
        {
            html.Append("<section class=\"signatories\"><h2>").Append(E(StatementFormat.SignatoriesTitle(language))).Append(" (").Append(content.Signatories.Count).Append(")</h2>");
            foreach (var group in SignatoryGroups.Initial(content.Signatories, coalition.GroupSignatoriesByKind))
            {
                if (group.Heading is { } heading)
                {
                    html.Append("<h3>").Append(E(content.Label(heading))).Append("</h3>");
                }

                html.Append("<p>").Append(string.Join(" – ", group.Lines.Select(l => E(SignatoryFormat.Line(l)) + (l.Kind == SignatureKind.SilentConsent ? "*" : "")))).Append("</p>");
            }

            if (content.Signatories.Any(l => l.Kind == SignatureKind.SilentConsent))
            {
                html.Append("<p class=\"note\">* ").Append(E(content.Label("by silent consent"))).Append("</p>");
            }

            if (SignatoryGroups.Later(content.Signatories) is { Count: > 0 } later)
            {
                html.Append("<h3>").Append(E(content.Label("Signed after publication"))).Append("</h3><p>")
                    .Append(string.Join(" – ", later.Select(l => E(SignatoryFormat.Line(l)) + " (" + E(StatementFormat.Date(StatementFormat.LocalDate(l.AddedAt ?? DateTime.UnixEpoch, coalition), language)) + ")")))
                    .Append("</p>");
            }

            html.Append("</section>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string T(string text, string language) => language == "fr" ? FrenchTypography.Apply(text) : text;

    private static string KindLabel(StatementKind kind, string language) => (kind, language == "en") switch
    {
        (StatementKind.Communique, false) => "Communiqué",
        (StatementKind.Communique, true) => "Statement",
        (StatementKind.OpenLetter, false) => "Lettre ouverte",
        (StatementKind.OpenLetter, true) => "Open letter",
        (StatementKind.CallToMobilize, false) => "Appel à mobilisation",
        (StatementKind.CallToMobilize, true) => "Call to mobilize",
        (StatementKind.Petition, false) => "Pétition",
        (StatementKind.Petition, true) => "Petition",
        (StatementKind.PressRelease, false) => "Communiqué de presse",
        _ => "Press release",
    };

    // Page numbers and the title in the bottom margin, via CSS page margin boxes (Chromium ≥ 131).
    private static string Css(string title) => $$"""
        @page { size: A4; margin: 22mm 20mm 24mm;
          @bottom-left { content: "{{CssString(title)}}"; font: 8pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #555; }
          @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "Liberation Sans", "DejaVu Sans", sans-serif; color: #555; } }
        html { font: 11pt/1.45 "Liberation Serif", "DejaVu Serif", serif; color: #111; }
        body { margin: 0; }
        header.coalition { display: flex; gap: 10pt; align-items: center; border-bottom: 1.5pt solid #7a1f1f; padding-bottom: 6pt; margin-bottom: 14pt; font: 9pt/1.3 "Liberation Sans", "DejaVu Sans", sans-serif; }
        header.coalition img { height: 36pt; }
        header.coalition p { margin: 0; }
        .kind { font: 9pt "Liberation Sans", "DejaVu Sans", sans-serif; text-transform: uppercase; letter-spacing: .05em; color: #7a1f1f; margin: 0 0 4pt; }
        h1 { font: bold 19pt/1.2 "Liberation Sans", "DejaVu Sans", sans-serif; margin: 0 0 6pt; }
        h2 { font: bold 12pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 14pt 0 4pt; break-after: avoid; }
        .subtitle { font-size: 13pt; margin: 0 0 6pt; }
        .byline { font-style: italic; margin: 0 0 12pt; }
        address { font-style: normal; margin: 12pt 0 12pt 55%; }
        .place-date { text-align: right; margin: 0 0 12pt; }
        figure { margin: 0 0 12pt; } figure img { max-width: 100%; max-height: 90mm; } figcaption { font-size: 9pt; color: #444; }
        main p { text-align: justify; hyphens: auto; orphans: 3; widows: 3; margin: 0 0 7pt; }
        .end { text-align: center; }
        .signatories p { font-size: 10pt; text-align: justify; }
        h3 { font: bold 10.5pt "Liberation Sans", "DejaVu Sans", sans-serif; margin: 8pt 0 2pt; }
        .note { font-size: 9pt; color: #444; }
        a { color: inherit; }
        """;

    private static string CssString(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings(" ").Replace("<", "\\3c ", StringComparison.Ordinal);
}
