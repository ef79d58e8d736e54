using System.Text;
using System.Text.RegularExpressions;

namespace Collectif.Features.Organizations;

/// <summary>One entry of a pasted signatory list: an organization or a person.</summary>
public abstract record ParsedSignatory(string Name);

/// <summary>An organization as written in the list, with the acronym it was given there, if any.</summary>
public sealed record ParsedOrganization(string Name, string? Acronym) : ParsedSignatory(Name);

/// <summary>A person, with the role and organization written beside the name, if any.</summary>
public sealed record ParsedPerson(string Name, string? Role, string? Organization) : ParsedSignatory(Name);

/// <summary>
/// Reads the free-text signatory lists that coalitions paste from their sites, PDFs and e-mails:
/// "Name (ACRONYM) – Name (ACRONYM) - Name…", one per line, bullets, semicolons, commas with a final
/// "et"/"and", headings such as "Premiers signataires :", and people with their role.
/// </summary>
/// <remarks>
/// The rules come from real lists: a dash is a separator when it stands apart from a word or follows
/// a closing parenthesis (" – ", " -X", ")-"), never inside a word ("Apel-Égalité", "NPA-A"); nothing
/// inside parentheses is ever split; "/" and " : " join parts of one name ("Cedetim / IPAM").
/// </remarks>
public static partial class SignatoryListParser
{
    /// <summary>Longest text we read; longer pastes are refused by callers before parsing.</summary>
    public const int MaxLength = 200_000;

    public static IReadOnlyList<ParsedSignatory> Parse(string? text)
    {
        var result = new List<ParsedSignatory>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var line in LogicalLines(Clean(text)))
        {
            foreach (var entry in SplitLine(line))
            {
                var cleaned = CleanEntry(entry);
                if (cleaned.Length == 0 || IsNoise(cleaned))
                {
                    continue;
                }

                result.Add(Classify(cleaned));
            }
        }

        return result;
    }

    /// <summary>Renders entries the way the seed list writes them ("Name (ACR) – Name").</summary>
    public static string Render(IEnumerable<ParsedSignatory> signatories, string separator = " – ") =>
        string.Join(separator, signatories.Select(Render));

    public static string Render(ParsedSignatory signatory) => signatory switch
    {
        ParsedOrganization { Acronym: { Length: > 0 } acronym } o => $"{o.Name} ({acronym})",
        ParsedPerson { Role: { Length: > 0 } role, Organization: { Length: > 0 } org } p => $"{p.Name}, {role} ({org})",
        ParsedPerson { Role: { Length: > 0 } role } p => $"{p.Name}, {role}",
        _ => signatory.Name,
    };

    // ---- 1. Characters -------------------------------------------------------------------------

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\r':
                    break; // soft hyphens, zero-width characters, CR of CRLF
                case '\u00A0' or '\u202F' or '\u2007' or '\u2009' or '\t' or '\f' or '\v':
                    builder.Append(' ');
                    break;
                case '\u2028' or '\u2029' or '\u0085':
                    builder.Append('\n');
                    break;
                default:
                    // Control characters (binary pastes) become spaces rather than failing.
                    builder.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
                    break;
            }
        }

        var cleaned = builder.ToString();
        // A word cut at the end of a line ("Confédé-\nration") is joined; a compound name broken at
        // its hyphen ("Droit-\nSolidarité") keeps the hyphen.
        cleaned = SoftLineHyphen().Replace(cleaned, "$1$2");
        cleaned = HardLineHyphen().Replace(cleaned, "$1-$2");
        return cleaned;
    }

    // ---- 2. Lines ------------------------------------------------------------------------------

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = new StringBuilder();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = Spaces().Replace(rawLine, " ").Trim();
            if (line.Length == 0)
            {
                if (pending.Length > 0)
                {
                    yield return pending.ToString();
                    pending.Clear();
                }

                continue;
            }

            line = DropHeading(line);
            if (line.Length == 0)
            {
                continue;
            }

            if (pending.Length > 0 && Continues(pending.ToString(), line))
            {
                pending.Append(' ').Append(line);
                continue;
            }

            if (pending.Length > 0)
            {
                yield return pending.ToString();
            }

            pending.Clear().Append(line);
        }

        if (pending.Length > 0)
        {
            yield return pending.ToString();
        }
    }

    /// <summary>
    /// A line wrapped in the middle of a name (PDF or e-mail) goes on the next line: the previous one
    /// ends inside parentheses or on a linking word, or the next one starts in lower case.
    /// </summary>
    private static bool Continues(string previous, string next)
    {
        if (Depth(previous) > 0)
        {
            return true;
        }

        if (StartsWithBullet().IsMatch(next))
        {
            return false;
        }

        var first = next[0];
        if (char.IsLower(first) && !next.StartsWith("et ", StringComparison.Ordinal) && !next.StartsWith("and ", StringComparison.Ordinal))
        {
            return true;
        }

        return EndsWithLinkWord().IsMatch(previous);
    }

    /// <summary>Removes "Premiers signataires … :" and similar headings, on their own line or before the list.</summary>
    private static string DropHeading(string line)
    {
        if (HeadingOnly().IsMatch(line))
        {
            return string.Empty;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && Depth(line[..colon]) == 0)
        {
            var before = line[..colon];
            if (HeadingWords().IsMatch(before))
            {
                return line[(colon + 1)..].Trim();
            }

            if (colon == line.Length - 1)
            {
                // Any other line that ends with a colon introduces what follows; no name ends so.
                return string.Empty;
            }
        }

        return line;
    }

    // ---- 3. Entries ----------------------------------------------------------------------------

    private static List<string> SplitLine(string line)
    {
        line = StartsWithBullet().Replace(line, string.Empty);
        var entries = SplitOnSeparators(line);
        // Commas separate entries only on a line that no other separator splits.
        var onlyCommas = entries.Count == 1;
        var commas = CountTopLevel(line, ',');
        if (onlyCommas && commas <= 2 && TryPerson(CleanEntry(line)) is not null)
        {
            return entries; // "Nivine Sandouka, Regional Director, ALLMEP" is one person.
        }

        if (onlyCommas && (commas >= 2 || (commas == 1 && FinalConjunction().IsMatch(line))))
        {
            entries = SplitOnCommas(line); // "CGT, FSU, Solidaires", "CGT, FSU et Solidaires"
        }

        // "… (A) et Name (B)" and "CGT, FSU et Solidaires": the last entry may hold two.
        if (entries.Count > 0)
        {
            var last = entries[^1];
            var split = SplitFinalConjunction(last, commaMode: onlyCommas && entries.Count > 1);
            if (split is not null)
            {
                entries.RemoveAt(entries.Count - 1);
                entries.AddRange(split);
            }
        }

        return entries;
    }

    private static List<string> SplitOnSeparators(string line)
    {
        var entries = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (depth == 0 && IsSeparatorAt(line, i))
            {
                entries.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        entries.Add(current.ToString());
        return entries.Where(e => e.Trim().Length > 0).ToList();
    }

    private static bool IsSeparatorAt(string line, int i)
    {
        var c = line[i];
        switch (c)
        {
            case ';' or '–' or '—' or '―' or '•' or '·' or '|' or '▪' or '●':
                return true;
            case '-' or '‐' or '−':
                {
                    var before = i > 0 ? line[i - 1] : ' ';
                    var after = i + 1 < line.Length ? line[i + 1] : ' ';
                    // A hyphen between two letters is part of a name ("Apel-Égalité", "NPA-A").
                    return char.IsWhiteSpace(before) || char.IsWhiteSpace(after) || before == ')' || after == '(';
                }

            default:
                return false;
        }
    }

    private static List<string> SplitOnCommas(string line)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in line)
        {
            depth += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
            depth = Math.Max(0, depth);
            if (c == ',' && depth == 0)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString().Trim());

        // "Jean Dupont, porte-parole d'Attac": a part that starts in lower case or with a role
        // belongs to the part before it.
        var merged = new List<string>();
        foreach (var part in parts.Where(p => p.Length > 0))
        {
            if (merged.Count > 0 && (char.IsLower(part[0]) || RoleStart().IsMatch(part)) && !ConjunctionStart().IsMatch(part))
            {
                merged[^1] = merged[^1] + ", " + part;
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged;
    }

    private static string[]? SplitFinalConjunction(string entry, bool commaMode)
    {
        var trimmed = entry.Trim();
        var match = LastConjunction().Match(trimmed);
        if (!match.Success || Depth(trimmed[..match.Index]) > 0)
        {
            return null;
        }

        var left = trimmed[..match.Index].Trim().TrimEnd(',');
        var right = trimmed[(match.Index + match.Length)..].Trim();
        if (left.Length == 0 || right.Length == 0 || !char.IsUpper(StripArticle(right)[0]))
        {
            return null;
        }

        var explicitComma = trimmed[..match.Index].TrimEnd().EndsWith(',');
        // "… (A) et Name (B)", "FSU et Solidaires": the left side is clearly a whole entry.
        var leftIsAcronymOrGroup = left.EndsWith(')') || (!left.Contains(' ') && LooksLikeAcronym(left));
        if (leftIsAcronymOrGroup || commaMode || explicitComma)
        {
            return [left, right];
        }

        return null;
    }

    // ---- 4. One entry --------------------------------------------------------------------------

    private static string CleanEntry(string entry)
    {
        var text = Spaces().Replace(entry, " ").Trim();
        text = text.Trim(' ', ',', ';', ':', '-', '–', '—', '•', '*', '·', '|');
        if (text.EndsWith('.') && text.Length > 1 && (char.IsLower(text[^2]) || text[^2] == ')'))
        {
            text = text[..^1].TrimEnd();
        }

        // Whole entry in quotes: «Femmes Égalité», "Femmes Égalité".
        if (text.Length > 2 && IsOpeningQuote(text[0]) && IsClosingQuote(text[^1]))
        {
            text = text[1..^1].Trim();
        }

        // "et la LDH", "and Amnesty": the conjunction that closed the list.
        var conjunction = ConjunctionStart().Match(text);
        if (conjunction.Success && conjunction.Length < text.Length)
        {
            text = text[conjunction.Length..].TrimStart();
        }

        return StripArticle(text);
    }

    /// <summary>"la LDH" after "et" names the LDH; a name itself starts with a capital ("La Courneuve").</summary>
    private static string StripArticle(string text)
    {
        var match = LowercaseArticle().Match(text);
        return match.Success && match.Length < text.Length && char.IsUpper(text[match.Length])
            ? text[match.Length..]
            : text;
    }

    private static bool IsOpeningQuote(char c) => c is '"' or '«' or '“' or '„';

    private static bool IsClosingQuote(char c) => c is '"' or '»' or '”';

    private static bool IsNoise(string entry) =>
        !entry.Any(char.IsLetter) || Noise().IsMatch(entry);

    private static ParsedSignatory Classify(string entry)
    {
        return (ParsedSignatory?)TryPerson(entry) ?? ParseOrganization(entry);
    }

    private static ParsedPerson? TryPerson(string entry)
    {
        // "Prénom Nom, porte-parole d'Attac France"
        var comma = TopLevelIndexOf(entry, ',');
        if (comma > 0)
        {
            var name = entry[..comma].Trim();
            var rest = entry[(comma + 1)..].Trim();
            if (LooksLikePersonName(name) && RoleStart().IsMatch(rest))
            {
                var (role, organization) = SplitRole(rest);
                return new ParsedPerson(name, role, organization);
            }
        }

        // "Nom (secrétaire général CGT)"
        var group = TrailingGroups(entry).FirstOrDefault();
        if (group is not null)
        {
            var name = entry[..group.Start].Trim().TrimEnd(',');
            if (LooksLikePersonName(name) && !LooksLikeAcronym(group.Content) && RoleStart().IsMatch(group.Content))
            {
                var (role, organization) = SplitRole(group.Content);
                return new ParsedPerson(name, role, organization);
            }
        }

        return null;
    }

    /// <summary>"secrétaire général de la CGT" → ("secrétaire général", "CGT").</summary>
    private static (string Role, string? Organization) SplitRole(string text)
    {
        text = text.Trim();
        var preposition = RolePreposition().Match(text);
        if (preposition.Success)
        {
            return (text[..preposition.Index].Trim().TrimEnd(','), EmptyToNull(text[(preposition.Index + preposition.Length)..]));
        }

        var comma = TopLevelIndexOf(text, ',');
        if (comma > 0)
        {
            return (text[..comma].Trim(), EmptyToNull(text[(comma + 1)..]));
        }

        // "secrétaire général CGT": the organization starts at the first capitalized word.
        var words = text.Split(' ');
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i].Length > 0 && (char.IsUpper(words[i][0]) || char.IsDigit(words[i][0])))
            {
                return (string.Join(' ', words[..i]), string.Join(' ', words[i..]));
            }
        }

        return (text, null);
    }

    private static string? EmptyToNull(string text)
    {
        var trimmed = text.Trim().Trim(',', '.', ';').Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>"Prénom Nom", "Jean-Marie LE PEN", "Nivine Sandouka": 2 to 5 words, capitalized, no digits.</summary>
    private static bool LooksLikePersonName(string name)
    {
        if (name.Length is < 3 or > 80 || name.Any(char.IsDigit) || name.Contains('(') || OrganizationWord().IsMatch(name))
        {
            return false;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 5)
        {
            return false;
        }

        return words.All(w => char.IsUpper(w[0]) || NameParticle().IsMatch(w));
    }

    private static ParsedOrganization ParseOrganization(string entry)
    {
        foreach (var group in TrailingGroups(entry))
        {
            if (!LooksLikeAcronym(group.Content))
            {
                continue;
            }

            var name = (entry[..group.Start] + entry[group.End..]).Trim();
            name = Spaces().Replace(name, " ").Trim().TrimEnd(',', '-', '–').Trim();
            return new ParsedOrganization(name.Length == 0 ? group.Content : name, group.Content.Trim());
        }

        return new ParsedOrganization(entry, null);
    }

    private sealed record Group(int Start, int End, string Content);

    /// <summary>The parenthesized groups at the end of an entry, last first: "… (WILPF) (LIFPL)".</summary>
    private static List<Group> TrailingGroups(string entry)
    {
        var groups = new List<Group>();
        var end = entry.Length;
        while (true)
        {
            var text = entry[..end].TrimEnd();
            if (!text.EndsWith(')'))
            {
                break;
            }

            var close = text.Length - 1;
            var depth = 0;
            var open = -1;
            for (var i = close; i >= 0; i--)
            {
                depth += entry[i] == ')' ? 1 : entry[i] == '(' ? -1 : 0;
                if (depth == 0)
                {
                    open = i;
                    break;
                }
            }

            // "Ami(e)s" is a word, not a group: a group stands after a space.
            if (open <= 0 || !char.IsWhiteSpace(entry[open - 1]))
            {
                break;
            }

            groups.Add(new Group(open, close + 1, entry[(open + 1)..close].Trim()));
            end = open;
        }

        return groups;
    }

    /// <summary>
    /// "CGT", "NPA-A", "4ACG", "CJPP5", "CVPR PO", "CPPI Saint-Denis", "SUD-Rail": the first word
    /// starts with two capitals (or a digit and a capital). A translation or a role does not.
    /// </summary>
    internal static bool LooksLikeAcronym(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is < 2 or > 40)
        {
            return false;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 4)
        {
            return false;
        }

        var first = words[0];
        var letters = first.Where(char.IsLetterOrDigit).ToArray();
        if (letters.Length < 2)
        {
            return false;
        }

        var startsWithCapitals = (char.IsUpper(letters[0]) || char.IsDigit(letters[0])) && char.IsUpper(letters[1]);
        var upperShare = letters.Count(c => char.IsUpper(c) || char.IsDigit(c)) / (double)letters.Length;
        return startsWithCapitals && upperShare >= 0.5;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static int Depth(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
        }

        return Math.Max(0, depth);
    }

    private static int CountTopLevel(string text, char separator)
    {
        var count = 0;
        var depth = 0;
        foreach (var c in text)
        {
            depth = Math.Max(0, depth + (c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0));
            if (c == separator && depth == 0)
            {
                count++;
            }
        }

        return count;
    }

    private static int TopLevelIndexOf(string text, char separator)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            depth = Math.Max(0, depth + (c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0));
            if (c == separator && depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"(\p{Ll})-[ ]*\n[ ]*(\p{Ll})")]
    private static partial Regex SoftLineHyphen();

    [GeneratedRegex(@"(\p{L})-[ ]*\n[ ]*(\p{Lu})")]
    private static partial Regex HardLineHyphen();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\s*(?:[-–—•·*▪◦●○■□►▸‣⁃]\s*|\d{1,3}[.)]\s+)")]
    private static partial Regex StartsWithBullet();

    [GeneratedRegex(@"(?:\s(?:de|du|des|d['’]|la|le|les|l['’]|et|pour|and|of|the|for|en|au|aux|à|sur|contre)|[(/'’])$", RegexOptions.IgnoreCase)]
    private static partial Regex EndsWithLinkWord();

    [GeneratedRegex(@"\b(?:signataires?|co-?signataires?|signatories|signatory|signed by|sign[ée]e?s? par|ont sign[ée]|liste des|list of|soutiens?|supported by|endorsed by|avec le soutien|with the support|[àa] l['’]appel|at the call|appel(?:ant|ants|é) par|premi(?:er|ère)s? sign)", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingWords();

    [GeneratedRegex(@"^(?:(?:premi(?:er|ère)s?|liste des|list of|les|organisations?|organizations?|associations?|nouveaux|nouvelles|autres|other|first|initial)\s+)*(?:co-?)?(?:signataires?|signatories|signatures?|soutiens?)\s*(?:\(.*\))?\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingOnly();

    [GeneratedRegex(@",?\s+(?:et|and|&)\s+(?!.*\s(?:et|and|&)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex LastConjunction();

    [GeneratedRegex(@",\s*[^,]+\s(?:et|and)\s+(?:(?:la|le|les|l['’])\s*)?\p{Lu}")]
    private static partial Regex FinalConjunction();

    [GeneratedRegex(@"^(?:et|and)\s", RegexOptions.IgnoreCase)]
    private static partial Regex ConjunctionStart();

    [GeneratedRegex(@"^(?:la|le|les|l['’]|the)\s*(?=\S)")]
    private static partial Regex LowercaseArticle();

    [GeneratedRegex(@"^(?:etc\.?|…|\.\.\.|\(…\)|\(\.\.\.\)|et d['’]autres.*|and others.*|et bien d['’]autres.*|liste (?:en cours|non exhaustive).*|\(liste .*\)|list in progress.*|(?:bien |beaucoup |many )?(?:d['’]autres|others|more)\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Noise();

    [GeneratedRegex(@"^(?:co-?|vice-|ex-|ancien(?:ne)?\s+|former\s+|premi(?:er|ère)\s+)?(?:(?:regional|national|general|international|local|deputy|honorary|r[ée]gionale?|nationale?|f[ée]d[ée]rale?|conf[ée]d[ée]rale?|d[ée]partementale?)\s+)?(?:porte-parole|secr[ée]taire|pr[ée]sident(?:e)?|copr[ée]sident(?:e)?|directeur|directrice|d[ée]l[ée]gu[ée]e?|membre|d[ée]put[ée]e?|eurod[ée]put[ée]e?|s[ée]nat(?:eur|rice)|maire|adjointe?|conseill[eè]re?|responsable|coordinat(?:eur|rice)|co-?fondat(?:eur|rice)|fondat(?:eur|rice)|militante?|avocate?|professeure?|chercheu(?:r|se)|journaliste|[ée]crivaine?|syndicaliste|tr[ée]sori(?:er|[èe]re)|animat(?:eur|rice)|[ée]lue?|spokes(?:person|man|woman)|secretary|president|chair(?:person|man|woman)?|director|executive|member|founder|co-?founder|coordinator|deputy|mep|senator|mayor|councill?or|lawyer|professor|researcher|writer|activist|treasurer|head of|ceo|leader|general secretary|national secretary)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleStart();

    [GeneratedRegex(@"\s(?:d['’]|de la |de l['’]|du |des |de |of the |of |at |for |à la |à l['’]|au |aux |à |chez )(?=[\p{Lu}\d])")]
    private static partial Regex RolePreposition();

    [GeneratedRegex(@"^(?:de|du|des|d['’]\p{L}+|la|le|van|von|der|den|el|al|ben|bin|da|do|dos|di)$")]
    private static partial Regex NameParticle();

    [GeneratedRegex(@"\b(?:association|collectif|comité|comite|union|fédération|federation|confédération|parti|ligue|mouvement|syndicat|syndicale|réseau|groupe|amis|centre|institut|fondation|coordination|front|alliance|forum|section|maison|conseil|assemblée|club|cercle|ong|france)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrganizationWord();
}
