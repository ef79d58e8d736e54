using System.Net;
using Collectif.Tests.Features.Organizations;

namespace Collectif.Tests.Features.Statements;

public class StatementPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_communique_lists_its_48_signatories_sorted_by_name_ignoring_leading_articles()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/statements/liberez-omar-alsoumi");

        page.Text("h1").ShouldBe("Libérez Omar Alsoumi, militant franco-palestinien !");
        page.Text(".statement-body").ShouldContain("Le CNPJDPI exige la libération immédiate d’Omar Alsoumi");
        var signatories = page.QuerySelectorAll(".signatory-list li a").Select(a => a.TextContent.Trim()).ToList();
        signatories.ShouldBe(SignatoryListParserTests.SeedOrganizations.Select(o => o.Name).OrderBy(Collectif.Text.TextKey.Sort, StringComparer.Ordinal));
        signatories.IndexOf("La Courneuve-Palestine").ShouldBe(signatories.IndexOf("Confédération Internationale Solidaire et Écologiste") + 1); // under C
        page.Text("#signatories-title").ShouldContain("(48)");
    }

    [Fact]
    public async Task The_open_letter_shows_addressee_place_date_and_subject()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/statements/lettre-au-president-de-la-republique");

        page.Text(".addressee").ShouldStartWith("Monsieur Emmanuel MACRON");
        page.Text(".place-date").ShouldBe("Paris, le 31 août 2025");
        page.Text(".subject").ShouldStartWith("Objet\u00a0: Demande de mesures fortes et concrètes");
        page.Text(".kind").ShouldBe("Lettre ouverte");
    }

    [Fact]
    public async Task Statements_list_is_newest_first()
    {
        var page = await app.Anonymous().GetDocumentAsync("/statements");

        var dates = page.QuerySelectorAll(".card time").Select(t => t.GetAttribute("datetime")!).ToList();
        dates.Count.ShouldBe(9);
        dates.ShouldBe(dates.OrderDescending());
    }

    [Theory]
    [InlineData("?kind=OpenLetter", 1)]
    [InlineData("?kind=CallToMobilize", 2)]
    [InlineData("?year=2025", 9)]
    [InlineData("?year=2024", 0)]
    [InlineData("?organization=cgt", 1)]
    [InlineData("?organization=cgt&kind=OpenLetter", 0)]
    public async Task Statements_can_be_filtered_by_kind_year_and_signatory(string query, int count)
    {
        var page = await app.Anonymous().GetDocumentAsync("/statements" + query);

        page.QuerySelectorAll(".card").Length.ShouldBe(count);
    }

    [Theory]
    [InlineData("?kind=Poem", "Type de texte inconnu.")]
    [InlineData("?year=abc", "L’année n’est pas valide.")]
    public async Task Bad_filters_are_explained(string query, string message)
    {
        var response = await app.Anonymous("fr").GetAsync("/statements" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error").ShouldBe(message);
    }

    [Fact]
    public async Task An_unknown_statement_is_a_404_page_in_the_readers_language()
    {
        var response = await app.Anonymous("fr").GetAsync("/statements/n-existe-pas");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ReadDocumentAsync()).Text("h1").ShouldBe("Page introuvable");
    }
}
