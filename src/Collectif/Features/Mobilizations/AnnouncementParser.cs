using System.Globalization;
using System.Text.RegularExpressions;
using Collectif.Text;

namespace Collectif.Features.Mobilizations;

/// <summary>The status an announcement states for a gathering.</summary>
public enum AnnouncedStatus
{
    Announced = 0,
    Banned = 1,
    Maintained = 2,
    Moved = 3,
    Cancelled = 4,
}

/// <summary>
/// One gathering found in an announcement. <see cref="Date"/> is null when the text gives no day;
/// <see cref="Year"/> is false when the year had to be left open (no context to infer it).
/// </summary>
public sealed record AnnouncedGathering(
    DateOnly? Date, bool Year, TimeOnly? Start, TimeOnly? End, string Place, string City, AnnouncedStatus Status, IReadOnlyList<string> Warnings)
{
    /// <summary>"2023-11-18", or "--11-18" when the year is unknown, or "" without a day.</summary>
    public string DateText => Date is not { } d ? "" : Year ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("--MM-dd", CultureInfo.InvariantCulture);

    public string Tsv => string.Join('\t', DateText, Start?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "", Place, City, Status.ToString().ToLowerInvariant());
}

/// <summary>
/// Reads rallies out of the way coalitions announce them: "Rassemblement samedi 18 novembre à 14h30
/// place de la République", a list of cities under a dated heading ("- Lyon, 15h, place Bellecour
/// (interdit)"), "de 17h à 19h devant la préfecture de Rennes", "Saturday, November 18 at 2:30 pm".
/// The year comes from the context (a publication date, or a signature line "Paris, le 14 novembre
/// 2023"): the first such date on or after it. A weekday that does not match the date is a warning.
/// </summary>
public static partial class AnnouncementParser
{
    public const int MaxLength = 100_000;

    private static readonly string[] FrenchMonths = Statements.Import.ArchiveParser.FrenchMonths;
    private static readonly string[] EnglishMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] FrenchDays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] EnglishDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static IReadOnlyList<AnnouncedGathering> Parse(string? text, DateOnly? publishedOn = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        text = text.Length > MaxLength ? text[..MaxLength] : text;
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var reference = publishedOn ?? SignatureDate(lines);

        // A day stated on a line without a time is the default for the lines under it.
        (int Month, int Day, int? Year, DayOfWeek? Weekday)? current = null;
        var gatherings = new List<AnnouncedGathering>();
        foreach (var line in lines.Where(l => !SignatureLine().IsMatch(l)))
        {
            var date = FindDate(line);
            var time = TimeRange().Match(line) is { Success: true } range ? range : SingleTime().Match(line);
            if (!time.Success)
            {
                current = date ?? current;
                continue;
            }

            var day = date ?? current;
            var warnings = new List<string>();
            DateOnly? resolved = null;
            var yearKnown = false;
            if (day is { } d)
            {
                var year = d.Year ?? InferYear(d.Month, d.Day, reference);
                yearKnown = year is not null;
                var candidate = year ?? 2000; // a leap year, so 29 February stays a date
                if (d.Day >= 1 && candidate is >= 1 and <= 9999 && d.Day <= DateTime.DaysInMonth(candidate, d.Month))
                {
                    resolved = new DateOnly(candidate, d.Month, d.Day);
                    if (yearKnown && d.Weekday is { } weekday && resolved.Value.DayOfWeek != weekday)
                    {
                        warnings.Add($"The text says {weekday} but {resolved.Value:yyyy-MM-dd} is a {resolved.Value.DayOfWeek}.");
                    }
                }
                else
                {
                    warnings.Add($"{d.Day}/{d.Month} is not a date.");
                }
            }

            var (start, end) = Times(time);
            var (place, city) = PlaceAndCity(line, time);
            gatherings.Add(new AnnouncedGathering(resolved, yearKnown, start, end, place, city, StatusOf(line), warnings));
        }

        return gatherings;
    }

    /// <summary>"Paris, le 14 novembre 2023" at the foot of a call: the date it was written.</summary>
    private static DateOnly? SignatureDate(IEnumerable<string> lines) =>
        lines.Select(l => SignatureLine().Match(l)).Where(m => m.Success)
            .Select(m => Statements.Import.ArchiveParser.ParseDate(m.Groups["date"].Value)).FirstOrDefault(d => d is not null);

    /// <summary>The year that puts day/month on or after the reference date (announcements look ahead); none without a reference.</summary>
    private static int? InferYear(int month, int day, DateOnly? reference)
    {
        if (reference is not { } r)
        {
            return null;
        }

        var sameYear = day >= 1 && day <= DateTime.DaysInMonth(r.Year, month) ? new DateOnly(r.Year, month, day) : (DateOnly?)null;
        return sameYear is { } s && s >= r.AddDays(-7) ? r.Year : r.Year + 1;
    }

    private static (int Month, int Day, int? Year, DayOfWeek? Weekday)? FindDate(string line)
    {
        var key = TextKey.Normalize(line);
        if (FrenchDate().Match(key) is { Success: true } fr)
        {
            var month = Array.IndexOf(FrenchMonths, fr.Groups["month"].Value) + 1;
            if (month > 0)
            {
                return (month, int.Parse(fr.Groups["day"].Value, CultureInfo.InvariantCulture), Year(fr), Weekday(fr, FrenchDays));
            }
        }

        if (EnglishDate().Match(key) is { Success: true } en)
        {
            var month = Array.IndexOf(EnglishMonths, en.Groups["month"].Value) + 1;
            if (month > 0)
            {
                return (month, int.Parse(en.Groups["day"].Value, CultureInfo.InvariantCulture), Year(en), Weekday(en, EnglishDays));
            }
        }

        if (NumericDate().Match(key) is { Success: true } numeric)
        {
            var month = int.Parse(numeric.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12)
            {
                return (month, int.Parse(numeric.Groups["day"].Value, CultureInfo.InvariantCulture), Year(numeric), Weekday(numeric, FrenchDays));
            }
        }

        return null;

        static int? Year(Match m) => m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) is var y and < 100 ? 2000 + y : int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;

        static DayOfWeek? Weekday(Match m, string[] names) =>
            m.Groups["weekday"].Success && Array.IndexOf(names, m.Groups["weekday"].Value) is var i and >= 0 ? (DayOfWeek)i : null;
    }

    private static (TimeOnly? Start, TimeOnly? End) Times(Match match)
    {
        static TimeOnly? At(Group hours, Group minutes, Group meridiem)
        {
            var h = int.Parse(hours.Value, CultureInfo.InvariantCulture);
            var m = minutes.Success && minutes.Value.Length > 0 ? int.Parse(minutes.Value, CultureInfo.InvariantCulture) : 0;
            if (meridiem.Success)
            {
                var pm = meridiem.Value.StartsWith('p');
                h = h % 12 + (pm ? 12 : 0);
            }

            return h is >= 0 and < 24 && m is >= 0 and < 60 ? new TimeOnly(h, m) : null;
        }

        var start = At(match.Groups["h"], match.Groups["m"], match.Groups["ap"]);
        var end = match.Groups["h2"].Success ? At(match.Groups["h2"], match.Groups["m2"], match.Groups["ap2"]) : null;
        return (start, end);
    }

    /// <summary>
    /// The place: from a place word ("place", "devant", "parvis", "au départ de"…) to the next
    /// separator; the city: a leading "Lyon :" / "Lyon –", or "à Lyon", or the town of
    /// "préfecture de Rennes".
    /// </summary>
    private static (string Place, string City) PlaceAndCity(string line, Match time)
    {
        var rest = Bullet().Replace(line, "");
        var city = "";
        if (LeadingCity().Match(rest) is { Success: true } leading && !IsNotCity(leading.Groups["city"].Value))
        {
            city = leading.Groups["city"].Value.Trim();
            rest = rest[leading.Length..];
        }

        var place = "";
        if (PlacePattern().Match(rest) is { Success: true } found)
        {
            place = found.Groups["place"].Value.Trim().TrimEnd('.', ',', ';', '!');
            place = StatusWords().Replace(place, "").Trim().TrimEnd('(', '-', '–', '—', ',', ' ').Trim();
        }

        if (TrailingCity().Match(place) is { Success: true } trailing)
        {
            city = city.Length > 0 ? city : trailing.Groups["city"].Value;
            place = place[..trailing.Index].Trim();
        }

        if (city.Length == 0 && TownOf().Match(place.Length > 0 ? place : rest) is { Success: true } town)
        {
            city = town.Groups["city"].Value.Trim();
        }

        if (city.Length == 0 && InCity().Match(rest.Replace(time.Value, " ", StringComparison.Ordinal)) is { Success: true } inCity && !IsNotCity(inCity.Groups["city"].Value))
        {
            city = inCity.Groups["city"].Value.Trim();
        }

        return (place, city);
    }

    private static bool IsNotCity(string text)
    {
        var key = TextKey.Normalize(text);
        return FrenchDays.Contains(key) || EnglishDays.Contains(key) || key.StartsWith("rassemblement", StringComparison.Ordinal) || key.StartsWith("manifestation", StringComparison.Ordinal)
            || key.StartsWith("rendez", StringComparison.Ordinal) || key.StartsWith("marche", StringComparison.Ordinal) || key.StartsWith("rally", StringComparison.Ordinal) || key.Any(char.IsDigit)
            || key.StartsWith("le ", StringComparison.Ordinal) || key.StartsWith("place", StringComparison.Ordinal);
    }

    private static AnnouncedStatus StatusOf(string line)
    {
        var key = TextKey.Normalize(line);
        return key switch
        {
            _ when CancelledWords().IsMatch(key) => AnnouncedStatus.Cancelled,
            _ when MaintainedWords().IsMatch(key) => AnnouncedStatus.Maintained,
            _ when BannedWords().IsMatch(key) => AnnouncedStatus.Banned,
            _ when MovedWords().IsMatch(key) => AnnouncedStatus.Moved,
            _ => AnnouncedStatus.Announced,
        };
    }

    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{L}'’ \-]{1,40}),\s*le\s+(?<date>(?:\d{1,2}|1er)\s+\p{L}+\s+\d{4})\.?$")]
    private static partial Regex SignatureLine();

    [GeneratedRegex(@"(?:(?<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?<day>\d{1,2})(?:er)?\s+(?<month>janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)(?:\s+(?<year>\d{4}))?")]
    private static partial Regex FrenchDate();

    [GeneratedRegex(@"(?:(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(?<month>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?")]
    private static partial Regex EnglishDate();

    [GeneratedRegex(@"(?:(?<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?\b(?<day>\d{1,2})/(?<month>\d{1,2})(?:/(?<year>\d{2}|\d{4}))?\b")]
    private static partial Regex NumericDate();

    // "de 17h à 19h", "17h-19h", "from 5 pm to 7 pm"
    [GeneratedRegex(@"(?:\bde\s+|\bfrom\s+)?(?<h>\d{1,2})\s*(?:[hH]\s*(?<m>\d{2})?|:(?<m>\d{2})\s*(?<ap>[ap]\.?m\.?)?|\s*(?<ap>[ap]\.?m\.?))\s*(?:à|a|-|–|to|jusqu’à|jusqu'à)\s*(?<h2>\d{1,2})\s*(?:[hH]\s*(?<m2>\d{2})?|:(?<m2>\d{2})\s*(?<ap2>[ap]\.?m\.?)?|\s*(?<ap2>[ap]\.?m\.?))", RegexOptions.IgnoreCase)]
    private static partial Regex TimeRange();

    // "14h30", "14 h", "18H00", "14 h 30", "14:30", "2:30 pm", "2pm"
    [GeneratedRegex(@"(?<![\d/])(?<h>\d{1,2})\s*(?:[hH](?:\s*(?<m>\d{2}))?(?!\w)|:(?<m>\d{2})(?:\s*(?<ap>[ap]\.?m\.?))?|\s*(?<ap>[ap]\.?m\.?)(?!\w))", RegexOptions.IgnoreCase)]
    private static partial Regex SingleTime();

    [GeneratedRegex(@"^[-–—•*·>\s]+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?<city>\p{Lu}[\p{L}'’\- ]{1,40}?)\s*(?:\([^)]*\)\s*)?(?::|,|\s[-–—]\s)\s*")]
    private static partial Regex LeadingCity();

    [GeneratedRegex(@"(?<place>(?:\b(?:place|parvis|esplanade|square|jardin|parc|pont|quai|port|vieux-port|gare|mairie|hôtel de ville|préfecture|sous-préfecture|rond-point|cours|allées?|rue|avenue|boulevard|bd|carrefour|halle|monument|fontaine|statue)\b|\bdevant\b|\bau départ de\b|\bdépart\b|\bau\s+(?=\p{Lu})|\bà la\s+(?=\p{Lu})|\bPlace\b|\bsquare\b)[^,;()\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"\s+(?:in|à)\s+(?<city>\p{Lu}[\p{L}\-]+)$")]
    private static partial Regex TrailingCity();

    [GeneratedRegex(@"(?:préfecture|mairie|hôtel de ville|gare)\s+(?:de|d’|d')\s*(?<city>\p{Lu}[\p{L}\-]+)")]
    private static partial Regex TownOf();

    [GeneratedRegex(@"\b(?:à|in)\s+(?<city>\p{Lu}[\p{L}\-]+(?:[ \-]\p{Lu}[\p{L}\-]+)?)(?=\s*(?:[,.;:]|$)|\s+(?:le|les|on|du|au|dès|from)\b)")]
    private static partial Regex InCity();

    [GeneratedRegex(@"\b(?:interdit[e]?s?|maintenu[e]?s?|annul[ée]e?s?|déplacé[e]?s?|banned|cancelled|canceled|maintained|moved)\b.*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusWords();

    [GeneratedRegex(@"\b(?:annule|annulee|annules|annulees|cancelled|canceled|reporte|reportee)\b")]
    private static partial Regex CancelledWords();

    [GeneratedRegex(@"\b(?:maintenu|maintenue|maintenus|maintenues|maintained|malgre l'interdiction)\b")]
    private static partial Regex MaintainedWords();

    [GeneratedRegex(@"\b(?:interdit|interdite|interdits|interdites|interdiction|banned|ban)\b")]
    private static partial Regex BannedWords();

    [GeneratedRegex(@"\b(?:deplace|deplacee|nouveau lieu|change de lieu|moved)\b")]
    private static partial Regex MovedWords();
}
