using Collectif.Features.Organizations;

namespace Collectif.Tests.Features.Organizations;

public class SignatoryListParserTests
{
    private static string SeedList => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "seed-signatories.txt"));

    /// <summary>The 48 organizations of the seed communiqué, exactly as a reader would list them.</summary>
    public static readonly (string Name, string? Acronym)[] SeedOrganizations =
    [
        ("Agir Contre le Colonialisme Aujourd’hui", "ACCA"),
        ("AFD International", null),
        ("Agir pour le changement et la démocratie en Algérie", "ACDA"),
        ("AILES Femmes du Maroc", null),
        ("Alternative Communiste", null),
        ("Américains contre la guerre", "AAW"),
        ("Anciens Appelés en Algérie et leurs Ami(e)s Contre la Guerre", "4ACG"),
        ("Apel-Égalité", null),
        ("Association de Solidarité Inter Peuples", "ASIP"),
        ("Association des Travailleurs Maghrébins de France", "ATMF"),
        ("Association des Tunisiens en France", "ATF"),
        ("Association France Palestine Solidarité", "AFPS"),
        ("Association pour la Taxation des Transactions financières et pour l’Action Citoyenne", "ATTAC"),
        ("Association pour les Jumelages entre les camps de réfugiés Palestiniens et les villes Françaises", "AJPF"),
        ("Association des Universitaires pour le Respect du Droit International en Palestine", "AURDIP"),
        ("Cedetim / IPAM", null),
        ("Collectif des Musulmans de France", "CMF"),
        ("Collectif Faty Koumba : Association des Libertés, Droits de l’Homme et non-violence", null),
        ("Collectif Judéo-Arabe et Citoyen pour la Palestine", "CJACP"),
        ("Collectif Paix Palestine Israël", "CPPI Saint-Denis"),
        ("Comité de Vigilance pour une Paix Réelle au Proche-Orient", "CVPR PO"),
        ("Comité Justice et Paix en Palestine et au Proche-Orient du 5e arrt", "CJPP5"),
        ("Confédération générale du Travail", "CGT"),
        ("Confédération Internationale Solidaire et Écologiste", "CISE"),
        ("Droit-Solidarité", null),
        ("Fédération des Tunisiens pour une Citoyenneté des deux Rives", "FTCR"),
        ("Fédération Syndicale Unitaire", "FSU"),
        ("Femmes Égalité", null),
        ("Forum Palestine Citoyenneté", null),
        ("Gauche démocratique et sociale", "GDS"),
        ("La Courneuve-Palestine", null),
        ("La France Insoumise", "LFI"),
        ("Les Femmes en noir", "FEN"),
        ("Les Écologistes EELV", null),
        ("Ligue Internationale des Femmes pour la Paix et la Liberté, section française de la Women’s International League for Peace and Freedom (WILPF)", "LIFPL"),
        ("Nouveau Parti Anticapitaliste", "NPA-A"),
        ("Parti Communiste des Ouvriers de France", "PCOF"),
        ("Participation et Spiritualité Musulmanes", "PSM"),
        ("Pour une écologie populaire et sociale", "PEPS"),
        ("Sortir du colonialisme", null),
        ("Union communiste libertaire", "UCL"),
        ("Union des Travailleurs Immigrés Tunisiens", "UTIT"),
        ("Union étudiante", null),
        ("Union Juive Française pour la Paix", "UJFP"),
        ("Union Nationale des Étudiants de France", "UNEF"),
        ("Union pour la Reconstruction Communiste", "URC"),
        ("Union Syndicale Lycéenne", "USL"),
        ("Union syndicale Solidaires", null),
    ];

    [Fact]
    public void The_seed_list_gives_its_48_organizations_with_exact_names_and_acronyms()
    {
        var parsed = SignatoryListParser.Parse(SeedList);

        parsed.Count.ShouldBe(48);
        parsed.ShouldAllBe(p => p is ParsedOrganization);
        parsed.Cast<ParsedOrganization>().Select(o => (o.Name, o.Acronym)).ShouldBe(SeedOrganizations);
    }

    [Fact]
    public void The_seed_heading_is_not_an_organization()
    {
        SignatoryListParser.Parse(SeedList).ShouldNotContain(p => p.Name.Contains("signataires", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Empty_and_blank_text_give_no_signatory()
    {
        SignatoryListParser.Parse(null).ShouldBeEmpty();
        SignatoryListParser.Parse("").ShouldBeEmpty();
        SignatoryListParser.Parse(" \n\t \u00A0 ").ShouldBeEmpty();
        SignatoryListParser.Parse(" – - ; • ").ShouldBeEmpty();
    }

    public static TheoryData<string, string[]> Shapes => new()
    {
        // One per line, with bullets and numbers.
        { "• Attac France\n• Ligue des droits de l'Homme (LDH)\n• Amnesty International", ["Attac France", "Ligue des droits de l'Homme|LDH", "Amnesty International"] },
        { "- CGT\n- FSU\n- Solidaires", ["CGT", "FSU", "Solidaires"] },
        { "1. Attac\n2. Greenpeace France\n3) Oxfam France", ["Attac", "Greenpeace France", "Oxfam France"] },
        { "* Droit au logement (DAL)\n* Emmaüs France", ["Droit au logement|DAL", "Emmaüs France"] },
        // Semicolons, and commas with a final "et" / "and".
        { "CGT ; FSU ; Union syndicale Solidaires ; UNEF", ["CGT", "FSU", "Union syndicale Solidaires", "UNEF"] },
        { "CGT, FSU, Solidaires et UNEF", ["CGT", "FSU", "Solidaires", "UNEF"] },
        { "Attac, Greenpeace, Oxfam and Amnesty International", ["Attac", "Greenpeace", "Oxfam", "Amnesty International"] },
        { "CGT, FSU et la LDH", ["CGT", "FSU", "LDH"] },
        { "Attac France, Les Amis de la Terre, et Greenpeace France", ["Attac France", "Les Amis de la Terre", "Greenpeace France"] },
        // Dashes: spaced, glued to a name, after a parenthesis; hyphens inside names stay.
        { "Apel-Égalité – NPA-A – Terre des hommes-France", ["Apel-Égalité", "NPA-A", "Terre des hommes-France"] },
        { "Droit-Solidarité –Femmes Égalité– Sortir du colonialisme", ["Droit-Solidarité", "Femmes Égalité", "Sortir du colonialisme"] },
        { "Union A (UA)-Union B (UB)- Union C (UC) -Union D", ["Union A|UA", "Union B|UB", "Union C|UC", "Union D"] },
        { "Syndicat X (SX) — Syndicat Y (SY) — Syndicat Z", ["Syndicat X|SX", "Syndicat Y|SY", "Syndicat Z"] },
        { "Collectif Saint-Denis (CSD) | Comité Proche-Orient", ["Collectif Saint-Denis|CSD", "Comité Proche-Orient"] },
        // Acronyms: last group that looks like one; translations are not acronyms.
        { "Confédération générale du travail (General Confederation of Labour) (CGT)", ["Confédération générale du travail (General Confederation of Labour)|CGT"] },
        { "Mouvement de la paix (France)", ["Mouvement de la paix (France)"] },
        { "Union syndicale Solidaires (SUD-Rail)", ["Union syndicale Solidaires|SUD-Rail"] },
        { "Association Pour le Droit (APD 93)", ["Association Pour le Droit|APD 93"] },
        // Single entries that look like two.
        { "Cedetim / IPAM – Réseau Sortir du nucléaire", ["Cedetim / IPAM", "Réseau Sortir du nucléaire"] },
        { "Collectif Faty Koumba : Association des Libertés, Droits de l’Homme et non-violence", ["Collectif Faty Koumba : Association des Libertés, Droits de l’Homme et non-violence"] },
        { "Comité Justice et Paix", ["Comité Justice et Paix"] },
        // Headings and noise.
        { "Organisations signataires :\nCGT\nFSU", ["CGT", "FSU"] },
        { "Signataires\n\nAttac – LDH\n\nListe en cours…", ["Attac", "LDH"] },
        { "Premiers signataires : Attac (ATTAC) – Greenpeace", ["Attac|ATTAC", "Greenpeace"] },
        { "Signed by:\n- Amnesty International\n- Human Rights Watch (HRW)\n- and others", ["Amnesty International", "Human Rights Watch|HRW"] },
        { "CGT – FSU – etc.", ["CGT", "FSU"] },
        // Typography: curly quotes, non-breaking spaces, line-break hyphenation.
        { "«\u00A0Femmes Égalité\u00A0» – Union\u00A0Juive Française pour la Paix\u202F(UJFP)", ["Femmes Égalité", "Union Juive Française pour la Paix|UJFP"] },
        { "Confédé-\nration générale du Travail (CGT) – Fédération Syndicale Uni-\ntaire (FSU)", ["Confédération générale du Travail|CGT", "Fédération Syndicale Unitaire|FSU"] },
        { "Droit-\nSolidarité – Apel-\nÉgalité", ["Droit-Solidarité", "Apel-Égalité"] },
        // A line wrapped inside a name: on a linking word, or before a lower-case word.
        { "Association France Palestine Solidarité (AFPS)\nUnion Juive Française pour\nla Paix (UJFP)\nComité de Vigilance pour une Paix Réelle au\nProche-Orient", ["Association France Palestine Solidarité|AFPS", "Union Juive Française pour la Paix|UJFP", "Comité de Vigilance pour une Paix Réelle au Proche-Orient"] },
        { "Agir pour le changement et la démocratie en Algérie (ACDA\n) - CGT", ["Agir pour le changement et la démocratie en Algérie|ACDA", "CGT"] },
        { "Attac France.\r\nGreenpeace France.", ["Attac France", "Greenpeace France"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Real_world_shapes_are_read_as_people_write_them(string text, string[] expected)
    {
        var parsed = SignatoryListParser.Parse(text);

        parsed.ShouldAllBe(p => p is ParsedOrganization);
        parsed.Cast<ParsedOrganization>().Select(o => o.Acronym is null ? o.Name : $"{o.Name}|{o.Acronym}").ShouldBe(expected);
    }

    public static TheoryData<string, string, string?, string?> People => new()
    {
        { "Jean Dupont, porte-parole d'Attac France", "Jean Dupont", "porte-parole", "Attac France" },
        { "Marie Martin, secrétaire générale de la CGT", "Marie Martin", "secrétaire générale", "CGT" },
        { "Sophie Binet (secrétaire générale CGT)", "Sophie Binet", "secrétaire générale", "CGT" },
        { "Paul Durand, président de la Ligue des droits de l’Homme (LDH)", "Paul Durand", "président", "Ligue des droits de l’Homme (LDH)" },
        { "Ali Ben Salah, membre du bureau national de l'UJFP", "Ali Ben Salah", "membre du bureau national", "UJFP" },
        { "John Lyndon, Executive Director of ALLMEP", "John Lyndon", "Executive Director", "ALLMEP" },
        { "Nivine Sandouka, Regional Director, ALLMEP", "Nivine Sandouka", "Regional Director", "ALLMEP" },
        { "Anne Le Gall, députée", "Anne Le Gall", "députée", null },
        { "Jean-Marie Lefèvre, co-président de La France Insoumise", "Jean-Marie Lefèvre", "co-président", "La France Insoumise" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void People_become_persons_with_role_and_organization(string text, string name, string? role, string? organization)
    {
        var parsed = SignatoryListParser.Parse(text).ShouldHaveSingleItem().ShouldBeOfType<ParsedPerson>();

        parsed.Name.ShouldBe(name);
        parsed.Role.ShouldBe(role);
        parsed.Organization.ShouldBe(organization);
    }

    [Fact]
    public void People_and_organizations_mix_in_one_list()
    {
        var parsed = SignatoryListParser.Parse("Attac France\nJean Dupont, porte-parole d'Attac France\nUnion syndicale Solidaires");

        parsed.Select(p => p.GetType().Name).ShouldBe(["ParsedOrganization", "ParsedPerson", "ParsedOrganization"]);
    }

    [Fact]
    public void Comma_lists_of_people_keep_each_role_with_its_person()
    {
        var parsed = SignatoryListParser.Parse("Jean Dupont, porte-parole d'Attac, Marie Durand, présidente de la LDH, Paul Roux, syndicaliste");

        parsed.Cast<ParsedPerson>().Select(p => $"{p.Name}/{p.Role}/{p.Organization}").ShouldBe(
            ["Jean Dupont/porte-parole/Attac", "Marie Durand/présidente/LDH", "Paul Roux/syndicaliste/"]);
    }

    [Fact]
    public void Html_and_script_are_kept_as_text_not_interpreted()
    {
        var parsed = SignatoryListParser.Parse("<script>alert(1)</script> – <b>CGT</b>");

        parsed.Select(p => p.Name).ShouldBe(["<script>alert(1)</script>", "<b>CGT</b>"]);
    }

    [Fact]
    public void Binary_garbage_does_not_throw()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        var text = System.Text.Encoding.Latin1.GetString(bytes);

        Should.NotThrow(() => SignatoryListParser.Parse(text));
    }

    [Theory]
    [InlineData("CGT", true)]
    [InlineData("NPA-A", true)]
    [InlineData("4ACG", true)]
    [InlineData("CVPR PO", true)]
    [InlineData("CPPI Saint-Denis", true)]
    [InlineData("SUD-Rail", true)]
    [InlineData("France", false)]
    [InlineData("Women’s International League", false)]
    [InlineData("secrétaire général", false)]
    [InlineData("Paris 20e", false)]
    [InlineData("A", false)]
    public void What_looks_like_an_acronym(string text, bool expected) =>
        SignatoryListParser.LooksLikeAcronym(text).ShouldBe(expected);
}
