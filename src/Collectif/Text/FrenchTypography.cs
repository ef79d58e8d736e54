using System.Text.RegularExpressions;

namespace Collectif.Text;

/// <summary>
/// French sets a narrow no-break space (U+202F) before ; : ! ? » and after «, so the mark never
/// starts a line. People type an ordinary space or none; this puts the right one in.
/// </summary>
public static partial class FrenchTypography
{
    public const char NarrowNoBreakSpace = '\u202F';

    public static string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = SpaceBeforeHighPunctuation().Replace(text, "$1\u202F$2");
        result = SpaceAfterOpeningQuote().Replace(result, "«\u202F");
        return SpaceBeforeClosingQuote().Replace(result, "$1\u202F»");
    }

    // A word or closing mark, an optional ordinary or no-break space, then ; : ! ? that ends a
    // phrase (followed by a space, the end or a closing mark): "page?id=3", "https:" and "14:30" stay.
    [GeneratedRegex(@"([\p{L}\p{N}\)»”’*_])[ \u00A0]?([;:!?])(?=\s|$|[»”’)\]*_!?])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforeHighPunctuation();

    [GeneratedRegex(@"«[ \u00A0]?", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceAfterOpeningQuote();

    [GeneratedRegex(@"([^\s\u202F])[ \u00A0]?»", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforeClosingQuote();
}
