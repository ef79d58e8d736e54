using System.Globalization;
using System.Text.RegularExpressions;

namespace Collectif.Features.Osdi;

/// <summary>
/// The part of OSDI's OData-style <c>filter</c> that sync tools use: conditions on
/// <c>modified_date</c> (<c>gt</c>, <c>ge</c>, <c>lt</c>, <c>le</c>, <c>eq</c>) joined by <c>and</c>,
/// e.g. <c>modified_date gt '2026-03-01'</c>. Anything else is refused rather than ignored, so a
/// client never mistakes an unfiltered list for a filtered one.
/// </summary>
public sealed partial class OsdiFilter
{
    public const int MaxLength = 300;

    public IReadOnlyList<(string Operator, DateTime At)> Conditions { get; }

    private OsdiFilter(IReadOnlyList<(string, DateTime)> conditions) => Conditions = conditions;

    public static readonly OsdiFilter None = new([]);

    [GeneratedRegex(@"^\s*modified_date\s+(gt|ge|lt|le|eq)\s+'([^']{1,40})'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex And();

    /// <summary>Reads the filter; on failure <paramref name="error"/> says what is understood.</summary>
    public static bool TryParse(string? text, out OsdiFilter filter, out string? error)
    {
        filter = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        const string understood = "Only conditions on modified_date are understood: modified_date gt|ge|lt|le|eq 'YYYY-MM-DD' or 'YYYY-MM-DDThh:mm:ssZ', joined by and.";
        if (text.Length > MaxLength)
        {
            error = $"The filter is limited to {MaxLength} characters. {understood}";
            return false;
        }

        var conditions = new List<(string, DateTime)>();
        foreach (var part in And().Split(text))
        {
            var match = Condition().Match(part);
            if (!match.Success || !DateTime.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                error = $"'{part.Trim()}' is not understood. {understood}";
                return false;
            }

            conditions.Add((match.Groups[1].Value.ToLowerInvariant(), at));
        }

        filter = new OsdiFilter(conditions);
        return true;
    }

    public bool Matches(DateTime modified) => Conditions.All(c => c.Operator switch
    {
        "gt" => modified > c.At,
        "ge" => modified >= c.At,
        "lt" => modified < c.At,
        "le" => modified <= c.At,
        _ => modified == c.At,
    });
}
