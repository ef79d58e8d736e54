using System.Globalization;
using System.Text.RegularExpressions;
using Collectif.Text;

namespace Collectif.Features.Statements.Import;

/// <summary>What <see cref="ArchiveParser"/> found in a pasted page; every field is a proposal the editor reviews.</summary>
public sealed record ArchiveDraft(
    StatementKind Kind,
    string Language,
    string Title,
    string? Subtitle,
    string Body,
    string? Byline,
    DateOnly? Date,
    string? Addressee,
    string? Place,
    string? Subject,
    string? Salutation,
    string? DatelineCity,
    string? DatelineCountry,
    string? MediaContacts,
    string? Signatories);

/// <summary>
/// Reads a statement as people copy it from an existing site, a newswire or an e-mail: the seed's
/// bare "par" byline, a title, the open-letter blocks (addressee, "Paris, le 31 août 2025",
/// "Objet :", "Monsieur le Président,"), a newswire dateline ("PARIS, FRANCE, June 15, 2025
/// /EINPresswire.com/ --") and contact block, the body, the "Premiers signataires…" list, and the
/// site's furniture after it ("Articles les plus récents", share and download links) left out.
/// Each line of a plain copy is a paragraph; Markdown with blank lines works too.
/// </summary>
public static partial class ArchiveParser
{
    public const int MaxLength = 400_000;

    /// <summary>French month names as <see cref="TextKey.Normalize"/> writes them (no accents), January first.</summary>
    internal static readonly string[] FrenchMonths = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];

    public static ArchiveDraft? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var units = Units(text.Length > MaxLength ? text[..MaxLength] : text);
        string? byline = null;
        if (units.Count > 0 && BylinePattern().Match(units[0]) is { Success: true } by)
        {
            byline = by.Groups["name"].Value.Trim() is { Length: > 0 } name ? name : null;
            units.RemoveAt(0);
        }

        if (units.Count == 0)
        {
            return null;
        }

        var title = Unmark(units[0].TrimStart('#', ' '));
        units.RemoveAt(0);
        string? subtitle = null;
        if (units.Count > 0 && EmphasisPattern().Match(units[0]) is { Success: true } emphasis)
        {
            subtitle = emphasis.Groups["text"].Value.Trim();
            units.RemoveAt(0);
        }

        var signatories = TakeSignatories(units);
        DateOnly? date = null;
        string? place = null, subject = null, salutation = null, addressee = null, city = null, country = null, contacts = null;

        // Newswire dateline, possibly followed on the same line by the first words of the text.
        var datelineAt = units.Take(6).ToList().FindIndex(u => DatelinePattern().Match(u) is { Success: true } m && ParseDate(m.Groups["date"].Value) is not null);
        if (datelineAt >= 0)
        {
            var dateline = DatelinePattern().Match(units[datelineAt]);
            city = TitleCase(dateline.Groups["city"].Value);
            country = dateline.Groups["country"].Success ? TitleCase(dateline.Groups["country"].Value) : null;
            date = ParseDate(dateline.Groups["date"].Value);
            var rest = dateline.Groups["rest"].Value.Trim();
            units.RemoveRange(0, datelineAt + 1);
            if (rest.Length > 0)
            {
                units.Insert(0, rest);
            }

            contacts = TakeContacts(units);
        }

        // Open-letter blocks sit between the title and the first paragraph.
        var subjectAt = units.Take(10).ToList().FindIndex(u => SubjectPattern().IsMatch(u));
        var placeAt = units.Take(10).ToList().FindIndex(u => PlaceDatePattern().Match(u) is { Success: true } m && ParseDate(m.Groups["date"].Value) is not null);
        if (placeAt >= 0)
        {
            var match = PlaceDatePattern().Match(units[placeAt]);
            place = match.Groups["place"].Value.Trim();
            date = ParseDate(match.Groups["date"].Value);
        }

        if (subjectAt >= 0)
        {
            subject = SubjectPattern().Match(units[subjectAt]).Groups["subject"].Value.Trim();
        }

        var lastHeader = Math.Max(subjectAt, placeAt);
        if (lastHeader >= 0)
        {
            var firstHeader = new[] { subjectAt, placeAt }.Where(i => i >= 0).Min();
            if (firstHeader > 0)
            {
                addressee = string.Join('\n', units.Take(firstHeader).SelectMany(SplitAddress));
            }

            units.RemoveRange(0, lastHeader + 1);
        }

        if (units.Count > 0 && SalutationPattern().IsMatch(units[0]))
        {
            salutation = units[0];
            units.RemoveAt(0);
        }

        if (date is null && units.Count > 0 && StandaloneDatePattern().Match(units[0]) is { Success: true } standalone && ParseDate(standalone.Groups["date"].Value) is { } published)
        {
            date = published;
            units.RemoveAt(0);
        }

        var body = string.Join("\n\n", units);
        var language = GuessLanguage(title + "\n" + body);
        var kind = addressee is not null || subject is not null || salutation is not null ? StatementKind.OpenLetter
            : city is not null ? StatementKind.PressRelease
            : KindFromTitle(title);
        return new ArchiveDraft(kind, language, title, subtitle, body, byline, date, addressee, place, subject, salutation, city, country, contacts, signatories);
    }

    /// <summary>Paragraphs: one per non-empty line (a Markdown hard break joins two lines), site furniture removed, cut at "most recent".</summary>
    private static List<string> Units(string text)
    {
        var units = new List<string>();
        string? pending = null;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = raw.Trim();
            if (EndPattern().IsMatch(trimmed))
            {
                break;
            }

            if (trimmed.Length == 0 || NoisePattern().IsMatch(trimmed))
            {
                if (pending is not null)
                {
                    units.Add(pending);
                    pending = null;
                }

                continue;
            }

            pending = pending is null ? trimmed : pending + "  \n" + trimmed;
            if (!raw.EndsWith("  ", StringComparison.Ordinal))
            {
                units.Add(pending);
                pending = null;
            }
        }

        if (pending is not null)
        {
            units.Add(pending);
        }

        return units;
    }

    /// <summary>Removes the signatory list (from its "Signataires…" heading on) and returns its text.</summary>
    private static string? TakeSignatories(List<string> units)
    {
        var at = units.FindIndex(u => SignatoriesHeadingPattern().IsMatch(u));
        if (at < 0)
        {
            return null;
        }

        var heading = SignatoriesHeadingPattern().Match(units[at]);
        var list = new List<string>();
        if (heading.Groups["inline"].Value.Trim() is { Length: > 20 } inline)
        {
            list.Add(inline);
        }

        list.AddRange(units.Skip(at + 1));
        units.RemoveRange(at, units.Count - at);
        return list.Count == 0 ? null : string.Join('\n', list);
    }

    /// <summary>Short lines with an e-mail address or a phone number, after the dateline or at the end: the media contact block.</summary>
    private static string? TakeContacts(List<string> units)
    {
        var blocks = new List<(int Start, int Count, int Contacts)>();
        for (var i = 0; i < units.Count;)
        {
            var count = 0;
            while (i + count < units.Count && units[i + count].Length <= 90 && !units[i + count].EndsWith('.'))
            {
                count++;
            }

            var found = units.Skip(i).Take(count).Count(u => ContactPattern().IsMatch(u));
            if (found > 0)
            {
                blocks.Add((i, count, found));
            }

            i += Math.Max(count, 1);
        }

        if (blocks.Count == 0)
        {
            return null;
        }

        // Newswires repeat the contact at the top and the bottom, each with what the other lacks:
        // keep every line once, drop both blocks from the text.
        var lines = new List<string>();
        foreach (var (start, count, _) in blocks)
        {
            foreach (var line in units.Skip(start).Take(count).SelectMany(u => u.Split("  \n")).Select(l => l.Trim()))
            {
                var key = TextKey.Normalize(line);
                if (key.Length > 0 && !lines.Any(l => TextKey.Normalize(l).Contains(key, StringComparison.Ordinal)))
                {
                    lines.Add(line);
                }
            }
        }

        foreach (var (start, count, _) in blocks.OrderByDescending(b => b.Start))
        {
            units.RemoveRange(start, count);
        }

        return string.Join("  \n", lines);
    }

    /// <summary>"Monsieur Emmanuel MACRON Président de la République Palais de l’Élysée 55 rue … 75008 PARIS", copied without its line breaks, back on several lines.</summary>
    private static IEnumerable<string> SplitAddress(string line) =>
        AddressBreakPattern().Split(line).Select(p => p.Trim()).Where(p => p.Length > 0);

    /// <summary>"31 août 2025", "1er mai 2026", "June 15, 2025", "15 June 2025"; null for anything else or an impossible day.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var key = TextKey.Normalize(text).Replace("1er", "1", StringComparison.Ordinal).Trim('.', ' ');
        if (FrenchDatePattern().Match(key) is { Success: true } fr)
        {
            var month = Array.IndexOf(FrenchMonths, fr.Groups["month"].Value) + 1;
            var day = int.Parse(fr.Groups["day"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(fr.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (month > 0 && year is >= 1900 and <= 2200 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        return DateOnly.TryParseExact(key, ["MMMM d, yyyy", "MMMM d yyyy", "d MMMM yyyy", "MMM d, yyyy"], CultureInfo.GetCultureInfo("en"), DateTimeStyles.AllowWhiteSpaces, out var english) ? english : null;
    }

    private static string GuessLanguage(string text)
    {
        var key = " " + TextKey.Normalize(text) + " ";
        return EnglishWords().Count(key) > FrenchWords().Count(key) ? "en" : "fr";
    }

    private static StatementKind KindFromTitle(string title) => TextKey.Normalize(title) switch
    {
        var t when t.StartsWith("lettre", StringComparison.Ordinal) || t.StartsWith("open letter", StringComparison.Ordinal) => StatementKind.OpenLetter,
        var t when t.StartsWith("petition", StringComparison.Ordinal) => StatementKind.Petition,
        var t when t.StartsWith("communique de presse", StringComparison.Ordinal) || t.StartsWith("press release", StringComparison.Ordinal) => StatementKind.PressRelease,
        var t when t.StartsWith("appel", StringComparison.Ordinal) || t.StartsWith("rassemblement", StringComparison.Ordinal) || t.StartsWith("manifestation", StringComparison.Ordinal)
            || t.StartsWith("mobilis", StringComparison.Ordinal) || t.StartsWith("call to", StringComparison.Ordinal) || t.StartsWith("rally", StringComparison.Ordinal) => StatementKind.CallToMobilize,
        _ => StatementKind.Communique,
    };

    private static string TitleCase(string text) =>
        CultureInfo.GetCultureInfo("fr").TextInfo.ToTitleCase(text.Trim().ToLowerInvariant());

    private static string Unmark(string text) => EmphasisPattern().Match(text) is { Success: true } m ? m.Groups["text"].Value.Trim() : text.Trim();

    [GeneratedRegex(@"^(?:par|by|publié par|published by)\b\s*:?\s*(?<name>.{0,150})$", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePattern();

    [GeneratedRegex(@"^(?<m>\*{1,2}|_{1,2})(?<text>[^*_].*?)\k<m>$")]
    private static partial Regex EmphasisPattern();

    [GeneratedRegex(@"^(?<city>\p{Lu}[\p{Lu}'’ .\-]{1,40}),\s*(?:(?<country>\p{Lu}[\p{Lu}'’ .\-]{1,40}),\s*)?(?<date>(?:\d{1,2}(?:er)?\s+\p{L}+|\p{L}+\.?\s+\d{1,2},?)\s+\d{4})\s*(?:/[^/]{0,60}/)?\s*(?:-{1,2}|—|–)?\s*(?<rest>.*)$")]
    private static partial Regex DatelinePattern();

    [GeneratedRegex(@"^(?:objet|subject|re)\s*:\s*(?<subject>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{L}'’ \-]{1,40}),\s*(?:le\s+)?(?<date>(?:\d{1,2}(?:er)?\s+\p{L}+|\p{L}+\s+\d{1,2},?)\s+\d{4})\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceDatePattern();

    [GeneratedRegex(@"^(?:(?:publié|posted|published)\s+(?:le|on)\s+|le\s+|on\s+)?(?<date>(?:\d{1,2}(?:er)?\s+\p{L}+|\p{L}+\s+\d{1,2},?)\s+\d{4})\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex StandaloneDatePattern();

    [GeneratedRegex(@"^(?:monsieur|madame|mesdames|messieurs|cher|chère|chers|chères|dear|to whom)\b.{0,80},$", RegexOptions.IgnoreCase)]
    private static partial Regex SalutationPattern();

    [GeneratedRegex(@"^(?:(?:les\s+)?premi(?:er|ère)s?\s+|liste\s+des\s+|(?:les\s+)?organisations\s+|initial\s+|first\s+)?(?:signataires|signatories|signé\s+par|signed\s+by)\b[^:]{0,200}:?\s*(?<inline>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SignatoriesHeadingPattern();

    [GeneratedRegex(@"^(?:articles?\s+les\s+plus\s+récents|les\s+plus\s+récents|à\s+lire\s+aussi|lire\s+aussi|dans\s+la\s+même\s+rubrique|most\s+recent|related(?:\s+articles)?|read\s+more|this\s+press\s+release\s+can\s+be\s+viewed\s+online|©|\(c\)\s*\d{4}|-{3,}$|\*{3,}$)", RegexOptions.IgnoreCase)]
    private static partial Regex EndPattern();

    [GeneratedRegex(@"^(?:>+\s*)?(?:t[ée]l[ée]charg|download|imprimer|print\b|partager|share\b|visit us|suivez-nous|follow us).{0,80}$|^\[[^\]]{1,60}\]\([^)]*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoisePattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+|(?:\+|\b0)\d[\d .\-]{6,}\d|\b(?:e-?mail|tél|tel|phone|contact)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ContactPattern();

    // Before a title or an institution, a street number with its street, a postcode with its town.
    [GeneratedRegex(@"\s+(?=(?:Président|Présidente|Premier ministre|Première ministre|Ministre|Palais|Hôtel|Assemblée|Sénat|Secrétaire|Directeur|Directrice)\b|\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|quai|allée|chemin|impasse|cours|route)\b|\d{5}\s+\p{Lu})")]
    private static partial Regex AddressBreakPattern();

    [GeneratedRegex(@"^(?<day>\d{1,2})\s+(?<month>[a-z]+)\s+(?<year>\d{4})$")]
    private static partial Regex FrenchDatePattern();

    [GeneratedRegex(@"(?<= )(?:le|la|les|des|du|et|est|une|pour|dans|qui|nous|sur|pas)(?= )")]
    private static partial Regex FrenchWords();

    [GeneratedRegex(@"(?<= )(?:the|and|of|to|is|for|with|that|we|on|are|this)(?= )")]
    private static partial Regex EnglishWords();
}
