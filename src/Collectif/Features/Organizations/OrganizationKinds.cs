using System.Text.RegularExpressions;

namespace Collectif.Features.Organizations;

/// <summary>A first guess at an imported organization's kind, from words in its name; editors correct it.</summary>
public static partial class OrganizationKinds
{
    public static OrganizationKind Guess(string name) => name switch
    {
        _ when StudentWords().IsMatch(name) => OrganizationKind.StudentOrYouth,
        _ when UnionWords().IsMatch(name) => OrganizationKind.Union,
        _ when PartyWords().IsMatch(name) => OrganizationKind.Party,
        _ when FaithWords().IsMatch(name) => OrganizationKind.Faith,
        _ when MediaWords().IsMatch(name) => OrganizationKind.Media,
        _ when AssociationWords().IsMatch(name) => OrganizationKind.Association,
        _ when CollectiveWords().IsMatch(name) => OrganizationKind.Collective,
        _ => OrganizationKind.Other,
    };

    [GeneratedRegex(@"\b(?:[ée]tudiant\w*|lyc[ée]en\w*|jeune\w*|jeunesse|student\w*|youth|young)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StudentWords();

    [GeneratedRegex(@"\b(?:syndica\w*|conf[ée]d[ée]ration g[ée]n[ée]rale du travail|trade union|labou?r union|union syndicale|workers'? union)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnionWords();

    [GeneratedRegex(@"\b(?:parti|party|insoumise|[ée]cologistes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartyWords();

    [GeneratedRegex(@"\b(?:musulman\w*|spiritualit[ée]|chr[ée]tien\w*|[ée]glise|catholique|protestant\w*|church|mosqu\w*|synagogue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FaithWords();

    [GeneratedRegex(@"\b(?:journal|m[ée]dia\w*|radio|t[ée]l[ée]vision|presse|magazine|revue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MediaWords();

    [GeneratedRegex(@"\b(?:association|ligue|league|f[ée]d[ée]ration|amis|friends)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AssociationWords();

    [GeneratedRegex(@"\b(?:collectif|comit[ée]|coordination|collective|committee|forum)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CollectiveWords();
}
