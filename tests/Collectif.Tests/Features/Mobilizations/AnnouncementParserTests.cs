using Collectif.Features.Mobilizations;
using CsCheck;

namespace Collectif.Tests.Features.Mobilizations;

/// <summary>Announcements as coalitions write them, one shape per case: dates, times, places, cities, statuses.</summary>
public class AnnouncementParserTests
{
    private static readonly DateOnly Published = new(2023, 11, 14);

    [Theory]
    [InlineData("Rassemblement samedi 18 novembre à 14h30 place de la République", "2023-11-18\t14:30\tplace de la République\t\tannounced")]
    [InlineData("Paris : samedi 18 novembre, 14h, place de la République", "2023-11-18\t14:00\tplace de la République\tParis\tannounced")]
    [InlineData("Lyon – samedi 18 novembre – 15h – place Bellecour", "2023-11-18\t15:00\tplace Bellecour\tLyon\tannounced")]
    [InlineData("Marseille, 18 novembre, 14 h 30, Vieux-Port", "2023-11-18\t14:30\tVieux-Port\tMarseille\tannounced")]
    [InlineData("Toulouse : rassemblement le 18 novembre à 18H00 au Capitole", "2023-11-18\t18:00\tau Capitole\tToulouse\tannounced")]
    [InlineData("Rendez-vous le 18/11 de 17h à 19h devant la préfecture de Rennes", "2023-11-18\t17:00\tdevant la préfecture de Rennes\tRennes\tannounced")]
    [InlineData("Manifestation le 22 octobre à 14 h, départ place de la République", "2024-10-22\t14:00\tdépart place de la République\t\tannounced")]
    [InlineData("Nantes : 18 novembre 15h, place Royale (interdit par la préfecture)", "2023-11-18\t15:00\tplace Royale\tNantes\tbanned")]
    [InlineData("Bordeaux, 18 novembre, 14h30, place de la Victoire — maintenu malgré l’interdiction", "2023-11-18\t14:30\tplace de la Victoire\tBordeaux\tmaintained")]
    [InlineData("Lille : rassemblement du 18 novembre à 15h annulé", "2023-11-18\t15:00\t\tLille\tcancelled")]
    [InlineData("Grenoble : 18 novembre, 14h, nouveau lieu : parvis de la gare", "2023-11-18\t14:00\tparvis de la gare\tGrenoble\tmoved")]
    [InlineData("Saturday, November 18 at 2:30 pm, Place de la République in Paris", "2023-11-18\t14:30\tPlace de la République\tParis\tannounced")]
    [InlineData("Strasbourg: vigil on November 18, 6pm, place Kléber", "2023-11-18\t18:00\tplace Kléber\tStrasbourg\tannounced")]
    [InlineData("Rassemblement le 1er décembre à 12h devant l’Assemblée nationale", "2023-12-01\t12:00\tdevant l’Assemblée nationale\t\tannounced")]
    [InlineData("Montpellier, samedi 18 novembre 2023, 15h, place de la Comédie", "2023-11-18\t15:00\tplace de la Comédie\tMontpellier\tannounced")]
    [InlineData("Rassemblement à Dijon le 18 novembre à 14h", "2023-11-18\t14:00\t\tDijon\tannounced")]
    [InlineData("Le 5 janvier à 18 h, place du Capitole", "2024-01-05\t18:00\tplace du Capitole\t\tannounced")]
    [InlineData("Rouen — 18 novembre — 10H30 — square Verdrel", "2023-11-18\t10:30\tsquare Verdrel\tRouen\tannounced")]
    public void One_line_announcements_give_date_time_place_city_and_status(string text, string tsv)
    {
        var gatherings = AnnouncementParser.Parse(text, Published);

        gatherings.Count.ShouldBe(1);
        gatherings[0].Tsv.ShouldBe(tsv);
    }

    [Fact]
    public void A_dated_heading_applies_to_the_cities_listed_under_it_and_the_year_comes_from_the_signature()
    {
        const string text = """
            Samedi 18 novembre, rassemblements partout en France :
            - Paris, 14h30, place de la République
            - Lyon, 15h, place Bellecour (interdit par la préfecture)
            - Marseille : 14h, Vieux-Port — maintenu
            * Rennes (35) : de 17h à 19h, devant la préfecture
            Paris, le 14 novembre 2023
            """;

        var gatherings = AnnouncementParser.Parse(text);

        gatherings.Select(g => g.Tsv).ShouldBe([
            "2023-11-18\t14:30\tplace de la République\tParis\tannounced",
            "2023-11-18\t15:00\tplace Bellecour\tLyon\tbanned",
            "2023-11-18\t14:00\tVieux-Port\tMarseille\tmaintained",
            "2023-11-18\t17:00\tdevant la préfecture\tRennes\tannounced",
        ]);
        gatherings[3].End.ShouldBe(new TimeOnly(19, 0));
        gatherings.ShouldAllBe(g => g.Warnings.Count == 0);
    }

    [Fact]
    public void Without_context_the_year_is_left_open()
    {
        var gathering = AnnouncementParser.Parse("Rassemblement samedi 18 novembre à 14h30 place de la République").Single();

        gathering.DateText.ShouldBe("--11-18");
        gathering.Year.ShouldBeFalse();
    }

    [Fact]
    public void A_weekday_that_does_not_match_the_date_is_a_warning()
    {
        var gathering = AnnouncementParser.Parse("Rassemblement dimanche 18 novembre à 14h place de la République", Published).Single();

        gathering.DateText.ShouldBe("2023-11-18");
        gathering.Warnings.ShouldBe(["The text says Sunday but 2023-11-18 is a Saturday."]);
    }

    [Theory]
    [InlineData("Rassemblement le 31 novembre à 14h place de la Mairie", "31/11 is not a date.")]
    [InlineData("Rassemblement le 18 novembre à 25h place de la Mairie", null)]
    public void Impossible_dates_and_times_are_not_invented(string text, string? warning)
    {
        var gathering = AnnouncementParser.Parse(text, Published).SingleOrDefault();

        if (warning is null)
        {
            (gathering is null || gathering.Start is null).ShouldBeTrue();
        }
        else
        {
            gathering!.Date.ShouldBeNull();
            gathering.Warnings.ShouldBe([warning]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Le collectif appelle à la mobilisation.")]
    [InlineData("Paris, le 14 novembre 2023")]
    public void Text_without_a_time_has_no_gathering(string text) =>
        AnnouncementParser.Parse(text, Published).ShouldBeEmpty();

    [Theory]
    [InlineData("Rassemblement le 0 mars à 14h place de la République")] // found by the property below (seed a4UzGqqHVa31)
    [InlineData("Manifestation 0/3 à 15h30, Lyon")]
    public void A_day_zero_is_not_a_date_and_does_not_throw(string text)
    {
        var gathering = AnnouncementParser.Parse(text, Published).ShouldHaveSingleItem();
        gathering.Date.ShouldBeNull();
    }

    [Fact]
    public void Any_text_parses_without_throwing() =>
        Gen.String[0, 500].Sample(text => { _ = AnnouncementParser.Parse(text, Published); }, iter: 2000);
}
