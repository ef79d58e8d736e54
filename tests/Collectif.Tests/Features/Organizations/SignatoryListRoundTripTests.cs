using Collectif.Features.Organizations;
using CsCheck;

namespace Collectif.Tests.Features.Organizations;

/// <summary>Any set of organizations rendered in the seed's format parses back to the same set.</summary>
public class SignatoryListRoundTripTests
{
    private static readonly string[] FirstWords =
        ["Union", "Fédération", "Comité", "Collectif", "Association", "La", "Les", "Ligue", "Mouvement", "Apel-Égalité", "Droit-Solidarité", "Femmes", "Agir", "Réseau", "Syndicat", "Terre", "Œuvre", "Amis", "AFD", "AILES", "Cedetim"];

    private static readonly string[] MiddleWords =
        ["des", "de", "du", "pour", "la", "le", "et", "en", "contre", "Solidaires", "Palestine", "Proche-Orient", "l’Homme", "d'Algérie", "Saint-Denis", "Travailleurs", "Étudiants", "Écologistes", "Ami(e)s", "5e", "/", ":", "Juive", "Insoumise", "Citoyenneté", "International"];

    private static readonly string[] LastWords =
        ["Paix", "France", "Solidarité", "Palestine", "Proche-Orient", "Égalité", "Citoyens", "Rives", "Libertaire", "Communiste", "IPAM", "Maroc", "Peuples", "arrt", "Israël", "Liberté", "Femmes-France"];

    private static readonly Gen<string> Name =
        from first in Gen.OneOf(FirstWords)
        from middle in Gen.OneOf(MiddleWords).Array[0, 4]
        from last in Gen.OneOf(LastWords)
        let name = string.Join(' ', middle.Prepend(first).Append(last))
        // "CGT et FSU" is two organizations by design; a name never reads "AFD et …".
        where !name.Contains("AFD et", StringComparison.Ordinal) && !name.Contains("AILES et", StringComparison.Ordinal)
        select name;

    private static readonly Gen<string> Acronym =
        from letters in Gen.Char['A', 'Z'].Array[2, 6]
        from suffix in Gen.OneOf("", "-A", "5", " PO", " Saint-Denis", "-Rail")
        select new string(letters) + suffix;

    private static readonly Gen<ParsedOrganization> Organization =
        from name in Name
        from hasAcronym in Gen.Bool
        from acronym in Acronym
        select new ParsedOrganization(name, hasAcronym ? acronym : null);

    private static readonly Gen<string> Separator = Gen.OneOf(" – ", " - ", " –", "– ", " -", "\n", "; ", " — ", "\n• ", " –\n");

    [Fact]
    public void Rendering_any_organizations_in_the_seed_format_and_parsing_gives_them_back()
    {
        var cases =
            from organizations in Organization.List[1, 25]
            from separators in Separator.Array[24, 24]
            select (organizations, separators);

        cases.Sample(c =>
        {
            var text = Render(c.organizations, c.separators);
            var parsed = SignatoryListParser.Parse(text);
            parsed.ShouldBe(c.organizations, $"Text was:\n{text}");
        }, iter: int.TryParse(Environment.GetEnvironmentVariable("ROUND_TRIP_ITERATIONS"), out var n) ? n : 3000);
    }

    /// <summary>Joins as the seed does; a dash glued on both sides only ever follows an acronym: ")-".</summary>
    private static string Render(List<ParsedOrganization> organizations, string[] separators)
    {
        var builder = new System.Text.StringBuilder(SignatoryListParser.Render(organizations[0]));
        for (var i = 1; i < organizations.Count; i++)
        {
            var separator = organizations[i - 1].Acronym is not null && separators[i - 1] == " -" ? "-" : separators[i - 1];
            builder.Append(separator).Append(SignatoryListParser.Render(organizations[i]));
        }

        return builder.ToString();
    }
}
