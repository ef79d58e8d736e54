using Collectif.Features.Statements;
using Collectif.Features.Statements.Import;
using CsCheck;

namespace Collectif.Tests.Features.Statements;

/// <summary>Pasting an existing page gives a prefilled draft: the seed's three shapes and the variations real sites write.</summary>
public class ArchiveParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Repository.Root, "tests", "Collectif.Tests", "Fixtures", name));

    [Fact]
    public void The_seed_communique_page_gives_title_body_and_the_48_signatories_without_the_site_furniture()
    {
        var draft = ArchiveParser.Parse(Fixture("coalition-page-communique.txt"))!;

        draft.Title.ShouldBe("Libérez Omar Alsoumi, militant franco-palestinien !");
        draft.Byline.ShouldBeNull(); // the seed's bare "par"
        draft.Kind.ShouldBe(StatementKind.Communique);
        draft.Language.ShouldBe("fr");
        draft.Body.ShouldStartWith("Le Collectif National pour une Paix Juste et Durable");
        draft.Body.ShouldEndWith("l’abandon de toutes les poursuites à son encontre");
        draft.Body.Split("\n\n").Length.ShouldBe(11);
        draft.Body.ShouldNotContain("Téléchargé");
        draft.Body.ShouldNotContain("Articles les plus récents");
        Collectif.Features.Organizations.SignatoryListParser.Parse(draft.Signatories).Count.ShouldBe(48);
    }

    [Fact]
    public void The_seed_open_letter_gives_addressee_lines_place_date_and_subject()
    {
        var page = Fixture("coalition-page-communique.txt");
        var letter = page[page.IndexOf("Lettre au Président", StringComparison.Ordinal)..page.IndexOf("par\nPalestine : ouvrez Gaza", StringComparison.Ordinal)];

        var draft = ArchiveParser.Parse("par\n" + letter)!;

        draft.Kind.ShouldBe(StatementKind.OpenLetter);
        draft.Title.ShouldStartWith("Lettre au Président de la République française");
        draft.Addressee.ShouldBe("Monsieur Emmanuel MACRON\nPrésident de la République\nPalais de l’Élysée\n55 rue du Faubourg Saint-Honoré\n75008 PARIS");
        draft.Place.ShouldBe("Paris");
        draft.Date.ShouldBe(new DateOnly(2025, 8, 31));
        draft.Subject.ShouldStartWith("Demande de mesures fortes et concrètes");
    }

    [Fact]
    public void The_seed_newswire_release_gives_dateline_subtitle_contacts_and_a_clean_body()
    {
        var draft = ArchiveParser.Parse(Fixture("press-release-newswire.md"))!;

        draft.Kind.ShouldBe(StatementKind.PressRelease);
        draft.Language.ShouldBe("en");
        draft.Title.ShouldBe("Paris Call for Peace: Macron Affirms Commitment to Palestinian-Israeli Civil Society at Historic Diplomatic Convening");
        draft.Subtitle.ShouldBe("Macron Embraces Israeli-Palestinian Civil Society at the Elysees, Affirms Centrality");
        (draft.DatelineCity, draft.DatelineCountry, draft.Date).ShouldBe(("Paris", "France", new DateOnly(2025, 6, 15)));
        draft.MediaContacts.ShouldNotBeNull();
        draft.MediaContacts.ShouldContain("+1 555-0100");
        draft.Body.ShouldStartWith("On Friday evening");
        draft.Body.ShouldNotContain("EINPresswire");
        draft.Body.ShouldNotContain("555-0100");
        draft.Body.ShouldNotContain("LinkedIn");
        draft.Body.ShouldNotContain("Newsmatics");
        draft.Body.ShouldContain("we are condemned to hope");
    }

    [Theory]
    [InlineData("Par : Union syndicale Solidaires\nNon à la réforme\nNous refusons.", "Union syndicale Solidaires", "Non à la réforme")]
    [InlineData("By Alliance for Peace\nA call for peace\nWe call for peace.", "Alliance for Peace", "A call for peace")]
    [InlineData("Non à la réforme\nNous refusons.", null, "Non à la réforme")]
    [InlineData("# Titre en Markdown\n\nPremier paragraphe.", null, "Titre en Markdown")]
    public void Bylines_and_titles_are_found_in_the_shapes_sites_use(string text, string? byline, string title)
    {
        var draft = ArchiveParser.Parse(text)!;

        draft.Byline.ShouldBe(byline);
        draft.Title.ShouldBe(title);
    }

    [Theory]
    [InlineData("Appel\nTexte.\nSignataires : CGT – FSU – Union syndicale Solidaires", 3)]
    [InlineData("Appel\nTexte.\nLes organisations signataires :\nCGT\nFSU\nAttac", 3)]
    [InlineData("Appel\nTexte.\nPremières signataires :\nMarie Dupont, secrétaire générale, CGT\nJean Martin, président, Attac", 2)]
    [InlineData("Call\nText.\nSignatories:\nAmnesty International (AI), Greenpeace, Oxfam", 3)]
    public void Signatory_lists_are_taken_from_their_heading_on(string text, int count)
    {
        var draft = ArchiveParser.Parse(text)!;

        draft.Body.ShouldBeOneOf("Text.", "Texte.");
        Collectif.Features.Organizations.SignatoryListParser.Parse(draft.Signatories).Count.ShouldBe(count);
    }

    [Theory]
    [InlineData("Lettre ouverte\nMadame la Ministre\nMinistère du Travail\n127 rue de Grenelle\n75007 Paris\nLyon, le 1er mai 2026\nObjet : salaires\nMadame la Ministre,\nNous vous écrivons.", "Lyon", 2026, 5, 1, "Madame la Ministre,")]
    [InlineData("Open letter to the Prime Minister\nThe Rt Hon. Prime Minister\n10 Downing Street\nLondon, March 3, 2026\nSubject: asylum\nDear Prime Minister,\nWe write to you.", "London", 2026, 3, 3, "Dear Prime Minister,")]
    public void Letters_in_french_and_english_keep_their_blocks(string text, string place, int year, int month, int day, string salutation)
    {
        var draft = ArchiveParser.Parse(text)!;

        draft.Kind.ShouldBe(StatementKind.OpenLetter);
        draft.Place.ShouldBe(place);
        draft.Date.ShouldBe(new DateOnly(year, month, day));
        draft.Salutation.ShouldBe(salutation);
        draft.Body.ShouldStartWith("W".Length == 1 && draft.Language == "en" ? "We write" : "Nous vous");
    }

    [Theory]
    [InlineData("LYON, 12 mars 2026 – La CGT appelle à la grève.", "Lyon", null, 2026, 3, 12)]
    [InlineData("NEW YORK, USA, March 12, 2026 /PRNewswire/ -- The union calls a strike.", "New York", "Usa", 2026, 3, 12)]
    public void Datelines_in_both_languages_are_read(string line, string city, string? country, int year, int month, int day)
    {
        var draft = ArchiveParser.Parse("Grève\n" + line)!;

        draft.DatelineCity.ShouldBe(city);
        draft.DatelineCountry.ShouldBe(country);
        draft.Date.ShouldBe(new DateOnly(year, month, day));
        draft.Body.ShouldNotBeEmpty();
        draft.Body.ShouldNotContain("2026");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("par")]
    [InlineData("Articles les plus récents")]
    public void Nothing_to_import_gives_nothing(string text) =>
        ArchiveParser.Parse(text).ShouldBeNull();

    [Theory]
    [InlineData("31 août 2025", 2025, 8, 31)]
    [InlineData("1er mai 2026", 2026, 5, 1)]
    [InlineData("June 15, 2025", 2025, 6, 15)]
    [InlineData("15 June 2025", 2025, 6, 15)]
    [InlineData("5 Décembre 2025", 2025, 12, 5)]
    public void Dates_are_read_in_french_and_english(string text, int year, int month, int day) =>
        ArchiveParser.ParseDate(text).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData("31 février 2025")]
    [InlineData("45 mai 2025")]
    [InlineData("samedi prochain")]
    public void Impossible_dates_are_not_dates(string text) =>
        ArchiveParser.ParseDate(text).ShouldBeNull();

    private static readonly string[] Fragments =
    [
        "par", "Par : ", "Objet :", "Objet : x", "Paris, le 31 août 2025", "PARIS, FRANCE, June 15, 2025 --", "Signataires :", "Premiers signataires",
        "Monsieur le Président,", "Articles les plus récents", ">> Télécharger (pdf)", "[x](#)", "# ", "*", "**a**", "  ", "", "Email: a@b.c", "+33 1 23 45 67 89",
        "CGT – FSU", "le 31 février 2025", "75008 PARIS", "55 rue X", "---", "©", "1er mai", "Le texte.",
    ];

    [Fact]
    public void Any_text_parses_without_throwing()
    {
        Gen.String[0, 2000].Sample(text => { _ = ArchiveParser.Parse(text); }, iter: 1000);
        Gen.OneOf(Fragments).Array[0, 30].Select(lines => string.Join('\n', lines)).Sample(text => { _ = ArchiveParser.Parse(text); }, iter: 3000);
    }
}
