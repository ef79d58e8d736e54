using System.Globalization;
using Collectif.Features.Coalitions;

namespace Collectif.Features.Statements;

/// <summary>
/// The fixed words and formats of a statement in its own language (not the reader's): the byline,
/// "Paris, le 31 août 2025", "Objet :", the press dateline. The page and the PDF share them.
/// </summary>
public static class StatementFormat
{
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");

    public static string Date(DateOnly date, string language) =>
        date.ToString(language == "en" ? "MMMM d, yyyy" : "d MMMM yyyy", Culture(language));

    /// <summary>Who speaks: the byline organization, else the coalition. Never empty, unlike the seed's bare "par".</summary>
    public static string Byline(Statement statement, Coalition coalition) =>
        statement.BylineOrganization is { } organization
            ? organization.Acronym is { Length: > 0 } acronym ? $"{organization.Name} ({acronym})" : organization.Name
            : coalition.Name(statement.Language);

    public static string By(string language) => language == "en" ? "by" : "par";

    public static string SubjectLabel(string language) => language == "en" ? "Subject:" : "Objet\u00a0:";

    public static string MediaContactsTitle(string language) => language == "en" ? "Media contacts" : "Contacts presse";

    public static string AboutTitle(Coalition coalition, string language) =>
        language == "en" ? $"About {coalition.Acronym}" : $"À propos de {Elide(coalition.Name("fr"))}";

    public static string SignatoriesTitle(string language) => language == "en" ? "Signatories" : "Signataires";

    /// <summary>"Paris, le 31 août 2025" / "Paris, August 31, 2025"; empty when neither is known.</summary>
    public static string PlaceAndDate(Statement statement)
    {
        var date = statement.LetterDate is { } d ? Date(d, statement.Language) : null;
        return (statement.Place, date) switch
        {
            ({ Length: > 0 } place, { } day) => statement.Language == "en" ? $"{place}, {day}" : $"{place}, le {day}",
            ({ Length: > 0 } place, null) => place,
            (_, { } day) => day,
            _ => "",
        };
    }

    /// <summary>
    /// "PARIS, FRANCE, 15 juin 2025 —" / "PARIS, FRANCE, June 15, 2025 —": the newswire dateline.
    /// The date is the text's own date, else its publication date (in the coalition's time zone).
    /// </summary>
    public static string? Dateline(Statement statement, Coalition coalition)
    {
        if (statement.Kind != StatementKind.PressRelease || string.IsNullOrWhiteSpace(statement.DatelineCity))
        {
            return null;
        }

        var when = statement.PublishedAt ?? statement.ScheduledAt;
        var date = statement.LetterDate ?? (when is { } at ? LocalDate(at, coalition) : null);
        var culture = Culture(statement.Language);
        var parts = new List<string> { statement.DatelineCity.Trim().ToUpper(culture) };
        if (!string.IsNullOrWhiteSpace(statement.DatelineCountry))
        {
            parts.Add(statement.DatelineCountry.Trim().ToUpper(culture));
        }

        if (date is { } day)
        {
            parts.Add(Date(day, statement.Language));
        }

        return string.Join(", ", parts) + " —";
    }

    public static DateOnly LocalDate(DateTime utc, Coalition coalition)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(coalition.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
    }

    // "de le Collectif…" is wrong French: "du Collectif", "de l’Union", "des Amis".
    private static string Elide(string name) => name switch
    {
        _ when name.StartsWith("Le ", StringComparison.Ordinal) => "du " + name[3..],
        _ when name.StartsWith("Les ", StringComparison.Ordinal) => "des " + name[4..],
        _ when name.StartsWith("La ", StringComparison.Ordinal) => "la " + name[3..],
        _ when name.StartsWith("L’", StringComparison.Ordinal) || name.StartsWith("L'", StringComparison.Ordinal) => "l’" + name[2..],
        _ when name.Length > 0 && "AEIOUYÉÈÊÀÂÎÔÛaeiouyéèêàâîôû".Contains(name[0], StringComparison.Ordinal) => "l’" + name,
        _ => name,
    };
}
