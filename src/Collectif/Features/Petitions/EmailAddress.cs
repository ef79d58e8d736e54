using System.Globalization;

namespace Collectif.Features.Petitions;

/// <summary>
/// Checks an e-mail address typed by the public and gives its canonical form, the one two
/// signatures by the same person share: lower case, and for providers that ignore them, without
/// the dots (Gmail) and the "+tag" of the local part.
/// </summary>
public static class EmailAddress
{
    // Providers that deliver "jane.doe+petition@" to "janedoe@" (dots) or "jane@" (+tags).
    private static readonly HashSet<string> IgnoreDots = new(StringComparer.Ordinal) { "gmail.com", "googlemail.com" };

    private static readonly HashSet<string> IgnorePlusTags = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com",
        "icloud.com", "me.com", "mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "fastmail.com", "fastmail.fm",
        "gmx.com", "gmx.fr", "gmx.de", "posteo.de", "posteo.net", "riseup.net", "tutanota.com", "tuta.io", "zoho.com",
    };

    private static readonly IdnMapping Idn = new();

    /// <summary>The address trimmed, with its domain in lower-case ASCII, or null when it is not a usable address.</summary>
    public static string? Normalize(string? typed)
    {
        var address = typed?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > 254)
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || at > 64)
        {
            return null;
        }

        var local = address[..at];
        var domain = address[(at + 1)..].TrimEnd('.');
        if (local.Contains('@', StringComparison.Ordinal) || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || local.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '\\' or '"' || IsInvisible(c)))
        {
            return null;
        }

        try
        {
            domain = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            return null;
        }

        return local + "@" + domain;
    }

    /// <summary>The form shared by every spelling of the same mailbox; <paramref name="normalized"/> comes from <see cref="Normalize"/>.</summary>
    public static string Canonical(string normalized)
    {
        var at = normalized.LastIndexOf('@');
        var local = normalized[..at].ToLowerInvariant();
        var domain = normalized[(at + 1)..];
        if (domain == "googlemail.com")
        {
            domain = "gmail.com";
        }

        if (IgnorePlusTags.Contains(domain) && local.IndexOf('+', StringComparison.Ordinal) is > 0 and var plus)
        {
            local = local[..plus];
        }

        if (IgnoreDots.Contains(domain))
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
        }

        return local + "@" + domain;
    }

    public static string Domain(string normalized) => normalized[(normalized.LastIndexOf('@') + 1)..];

    // Bidi overrides, zero-width characters and the like: invisible in a mail client, used to fake addresses.
    internal static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
        || c is '\u2028' or '\u2029';
}
