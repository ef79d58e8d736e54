using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Collectif.Features.Coalitions;
using Collectif.Features.Statements;
using Collectif.Web;

namespace Collectif.Features.Press;

/// <summary>A press release as journalists receive it: subject, plain text and HTML, in one language.</summary>
public sealed record PressMail(string Subject, string Text, string Html);

/// <summary>
/// Writes the e-mail version of a press release like a wire does: the embargo first and
/// unmissable, the dateline, the text, media contacts, "about", the "###" end mark, the permalink,
/// who issued it (with verification), and an unsubscribe link (a placeholder each recipient's
/// own link replaces when it is sent).
/// </summary>
public static class PressReleaseMail
{
    // Accented letters stay letters (mail clients and tests read "É", not "&#xC9;"); markup characters are still encoded.
    private static readonly HtmlEncoder Encode = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static PressMail Render(Statement release, Coalition coalition, SourceTransparency source, DateTime? embargoUntil, string permalink, string? imageUrl, FixedCultureLocalizer l)
    {
        var language = release.Language;
        var embargo = embargoUntil is { } until ? l["EMBARGO — NOT FOR PUBLICATION BEFORE {0}", When(until, coalition, language)].Value : null;
        var subject = embargoUntil is { } at
            ? l["Embargoed until {0}: {1}", ShortWhen(at, coalition, language), release.Title].Value
            : l["Press release: {0}", release.Title].Value;
        var dateline = StatementFormat.Dateline(release, coalition);
        var issuedBy = l["Issued by {0}", source.Describe(l)].Value;
        var online = l["View this release online: {0}", permalink].Value;
        var footer = l["You receive this release as a press contact of {0}.", coalition.Name(language)].Value;
        var unsubscribe = l["Unsubscribe"].Value;
        var kind = l["Press release"].Value.ToUpper(StatementFormat.Culture(language));

        var text = new StringBuilder();
        if (embargo is not null)
        {
            text.Append(embargo).Append("\n\n");
        }

        text.Append(kind).Append('\n').Append(issuedBy).Append("\n\n");
        text.Append(release.Title.ToUpper(StatementFormat.Culture(language))).Append('\n');
        if (release.Subtitle is { Length: > 0 } subtitle)
        {
            text.Append(subtitle).Append('\n');
        }

        text.Append('\n');
        var body = Plain(release.Body);
        text.Append(dateline is null ? body : dateline + " " + body).Append("\n\n");
        if (release.MediaContacts is { Length: > 0 } contacts)
        {
            text.Append(StatementFormat.MediaContactsTitle(language)).Append('\n').Append(Plain(contacts)).Append("\n\n");
        }

        if (release.About is { Length: > 0 } about)
        {
            text.Append(StatementFormat.AboutTitle(coalition, language)).Append('\n').Append(Plain(about)).Append("\n\n");
        }

        text.Append("###\n\n").Append(online).Append("\n\n-- \n").Append(footer).Append('\n')
            .Append(unsubscribe).Append(": ").Append(Email.OutboxMessage.UnsubscribePlaceholder).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode.Encode(release.Title)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Georgia,'Times New Roman',serif;line-height:1.5\">")
            .Append("<div style=\"max-width:640px;margin:0 auto\">");
        if (embargo is not null)
        {
            html.Append("<p style=\"border:3px solid #a00020;color:#a00020;padding:10px;font:bold 16px Arial,sans-serif;text-align:center\">")
                .Append(Encode.Encode(embargo)).Append("</p>");
        }

        html.Append("<p style=\"font:bold 13px Arial,sans-serif;letter-spacing:.05em;color:#444\">").Append(Encode.Encode(kind))
            .Append("<br><span style=\"font-weight:normal\">").Append(Encode.Encode(issuedBy)).Append("</span></p>")
            .Append("<h1 style=\"font-size:26px;line-height:1.2;margin:8px 0\">").Append(Encode.Encode(release.Title)).Append("</h1>");
        if (release.Subtitle is { Length: > 0 } htmlSubtitle)
        {
            html.Append("<p style=\"font-size:18px;color:#333;margin-top:0\"><em>").Append(Encode.Encode(htmlSubtitle)).Append("</em></p>");
        }

        if (imageUrl is not null)
        {
            html.Append("<figure style=\"margin:16px 0\"><img src=\"").Append(Encode.Encode(imageUrl)).Append("\" alt=\"").Append(Encode.Encode(release.ImageAlt ?? ""))
                .Append("\" style=\"max-width:100%;height:auto\">");
            if (release.ImageCaption is { Length: > 0 } || release.ImageCredit is { Length: > 0 })
            {
                html.Append("<figcaption style=\"font-size:13px;color:#444\">").Append(Encode.Encode(release.ImageCaption ?? ""));
                if (release.ImageCredit is { Length: > 0 } credit)
                {
                    html.Append(" © ").Append(Encode.Encode(credit));
                }

                html.Append("</figcaption>");
            }

            html.Append("</figure>");
        }

        if (dateline is not null)
        {
            html.Append("<p><strong>").Append(Encode.Encode(dateline)).Append("</strong></p>");
        }

        html.Append(Markdown.ToHtml(release.Body, language));
        if (release.MediaContacts is { Length: > 0 } htmlContacts)
        {
            html.Append("<h2 style=\"font-size:18px\">").Append(Encode.Encode(StatementFormat.MediaContactsTitle(language))).Append("</h2>").Append(Markdown.ToHtml(htmlContacts, language));
        }

        if (release.About is { Length: > 0 } htmlAbout)
        {
            html.Append("<h2 style=\"font-size:18px\">").Append(Encode.Encode(StatementFormat.AboutTitle(coalition, language))).Append("</h2>").Append(Markdown.ToHtml(htmlAbout, language));
        }

        html.Append("<p style=\"text-align:center\">###</p>")
            .Append("<p><a href=\"").Append(Encode.Encode(permalink)).Append("\">").Append(Encode.Encode(l["View this release online"].Value)).Append("</a></p>")
            .Append("<hr style=\"border:0;border-top:1px solid #ccc\"><p style=\"font:12px Arial,sans-serif;color:#444\">").Append(Encode.Encode(footer))
            .Append(" <a href=\"").Append(Email.OutboxMessage.UnsubscribePlaceholder).Append("\">").Append(Encode.Encode(unsubscribe)).Append("</a></p>")
            .Append("</div></body></html>");
        return new PressMail(subject, text.ToString(), html.ToString());
    }

    /// <summary>"lundi 15 juin 2025 à 08:00 (heure de Europe/Paris)" / "Monday, June 15, 2025, 08:00 (Europe/Paris time)".</summary>
    public static string When(DateTime utc, Coalition coalition, string language)
    {
        var local = Local(utc, coalition);
        var culture = StatementFormat.Culture(language);
        return language == "en"
            ? local.ToString("dddd, MMMM d, yyyy, HH:mm", culture) + $" ({coalition.TimeZone} time)"
            : local.ToString("dddd d MMMM yyyy 'à' HH:mm", culture) + $" (heure {coalition.TimeZone})";
    }

    private static string ShortWhen(DateTime utc, Coalition coalition, string language)
    {
        var local = Local(utc, coalition);
        return language == "en"
            ? local.ToString("MMMM d, yyyy, HH:mm", CultureInfo.GetCultureInfo("en"))
            : local.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("fr"));
    }

    private static DateTime Local(DateTime utc, Coalition coalition)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(coalition.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }

    private static string Plain(string markdown) => Markdig.Markdown.ToPlainText(markdown).Trim();
}
