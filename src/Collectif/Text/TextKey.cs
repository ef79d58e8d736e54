using System.Globalization;
using System.Text;

namespace Collectif.Text;

/// <summary>
/// Keys for comparing and sorting human text: case, accents, typographic quotes, dashes and
/// spacing do not matter ("Égalité" = "egalite", "Aujourd’hui" = "aujourd'hui").
/// </summary>
public static class TextKey
{
    private static readonly string[] LeadingArticles = ["la ", "le ", "les ", "l'"];

    /// <summary>Lower-case, accent-free, single-spaced form used for matching and search.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is 'œ' or 'Œ' or 'æ' or 'Æ')
            {
                // Ligatures do not decompose; readers type "coeur" for "cœur".
                builder.Append(c is 'œ' or 'Œ' ? "oe" : "ae");
                lastWasSpace = false;
                continue;
            }

            var mapped = c switch
            {
                '’' or '‘' or '´' or '`' or 'ʼ' => '\'',
                '“' or '”' or '«' or '»' or '„' => '"',
                '–' or '—' or '‐' or '‑' or '−' => '-',
                _ => char.ToLowerInvariant(c),
            };
            if (char.IsWhiteSpace(mapped))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(mapped);
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>
    /// Sort key: normalized, without a leading French article, so that "La Courneuve-Palestine"
    /// files under C and "L'Union" under U, as readers of such lists expect.
    /// </summary>
    public static string Sort(string? text)
    {
        var key = Normalize(text);
        foreach (var article in LeadingArticles)
        {
            if (key.Length > article.Length && key.StartsWith(article, StringComparison.Ordinal))
            {
                return key[article.Length..].TrimStart();
            }
        }

        return key;
    }

    /// <summary>URL slug: ascii letters, digits and single hyphens.</summary>
    public static string Slug(string? text, int maxLength = 80)
    {
        var key = Normalize(text);
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength].TrimEnd('-');
        }

        return slug;
    }
}
