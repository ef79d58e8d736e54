using System.Globalization;
using System.Linq.Expressions;
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

    private readonly IReadOnlyList<(string Operator, DateTime At)> _conditions;

    private OsdiFilter(IReadOnlyList<(string, DateTime)> conditions)
    {
        _conditions = conditions;
        _matches = new Lazy<Func<DateTime?, bool>>(() => Predicate<DateTime?>(time => time).Compile());
    }

    private readonly Lazy<Func<DateTime?, bool>> _matches;

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

    /// <summary>For lists filtered in memory.</summary>
    public bool Matches(DateTime modified) => _matches.Value(modified);

    /// <summary>For lists filtered in the database: the same conditions on <paramref name="modified"/>, translated to SQL.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> query, Expression<Func<T, DateTime?>> modified) =>
        _conditions.Count == 0 ? query : query.Where(Predicate(modified));

    // The one place the operators mean something: every condition on the modification time, joined by and.
    private Expression<Func<T, bool>> Predicate<T>(Expression<Func<T, DateTime?>> modified)
    {
        Expression body = Expression.Constant(true);
        foreach (var (op, at) in _conditions)
        {
            var value = Expression.Constant((DateTime?)at, typeof(DateTime?));
            Expression condition = op switch
            {
                "gt" => Expression.GreaterThan(modified.Body, value),
                "ge" => Expression.GreaterThanOrEqual(modified.Body, value),
                "lt" => Expression.LessThan(modified.Body, value),
                "le" => Expression.LessThanOrEqual(modified.Body, value),
                _ => Expression.Equal(modified.Body, value),
            };
            body = Expression.AndAlso(body, condition);
        }

        return Expression.Lambda<Func<T, bool>>(body, modified.Parameters);
    }
}
