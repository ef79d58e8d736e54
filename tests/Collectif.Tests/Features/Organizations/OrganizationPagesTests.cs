using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collectif.Text;

namespace Collectif.Tests.Features.Organizations;

public class OrganizationPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task All_organizations_are_listed_sorted_by_name_ignoring_leading_articles()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/organizations");

        var names = page.QuerySelectorAll(".organization-list li > a").Select(a => a.TextContent.Trim()).ToList();
        names.Count.ShouldBe(49); // the 48 of the seed list and the issuer of the seed press release
        names.ShouldBe(names.OrderBy(TextKey.Sort, StringComparer.Ordinal));
        names.IndexOf("La Courneuve-Palestine").ShouldBeGreaterThan(names.IndexOf("Confédération Internationale Solidaire et Écologiste"));
        names.IndexOf("La Courneuve-Palestine").ShouldBeLessThan(names.IndexOf("Droit-Solidarité"));
        names.IndexOf("Les Femmes en noir").ShouldBeGreaterThan(names.IndexOf("Fédération Syndicale Unitaire"));
        page.Text(".result-count").ShouldBe("49 organisations");
    }

    [Theory]
    [InlineData("egalite", new[] { "Apel-Égalité", "Femmes Égalité" })]
    [InlineData("ÉGALITÉ", new[] { "Apel-Égalité", "Femmes Égalité" })]
    [InlineData("cgt", new[] { "Confédération générale du Travail" })]
    [InlineData("npa-a", new[] { "Nouveau Parti Anticapitaliste" })]
    [InlineData("aujourd'hui", new[] { "Agir Contre le Colonialisme Aujourd’hui" })]
    [InlineData("ecologiste", new[] { "Confédération Internationale Solidaire et Écologiste", "Les Écologistes EELV" })]
    public async Task Search_matches_name_or_acronym_ignoring_case_and_accents(string query, string[] expected)
    {
        var page = await app.Anonymous().GetDocumentAsync($"/organizations?q={Uri.EscapeDataString(query)}");

        page.QuerySelectorAll(".organization-list li > a").Select(a => a.TextContent.Trim()).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task Filtering_by_kind_lists_only_that_kind()
    {
        var page = await app.Anonymous("en").GetDocumentAsync("/organizations?kind=Union");

        page.QuerySelectorAll(".organization-list li > a").Select(a => a.TextContent.Trim()).ShouldBe(
            ["Confédération générale du Travail", "Confédération Internationale Solidaire et Écologiste", "Fédération Syndicale Unitaire", "Union syndicale Solidaires"]);
        page.QuerySelectorAll(".kind-badge").Select(b => b.TextContent).Distinct().ShouldBe(["Trade union"]);
    }

    [Theory]
    [InlineData("kind=Dragons")]
    [InlineData("kind=99")]
    public async Task An_unknown_kind_is_a_400_with_a_message_not_a_crash(string query)
    {
        var response = await app.Anonymous("fr").GetAsync($"/organizations?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error").ShouldBe("Type d’organisation inconnu.");
    }

    [Fact]
    public async Task An_over_long_search_is_refused_with_a_message()
    {
        var response = await app.Anonymous("en").GetAsync($"/organizations?q={new string('a', 500)}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error").ShouldBe("The search is too long.");
    }

    [Fact]
    public async Task An_organization_page_shows_its_facts_membership_and_signed_statements()
    {
        var page = await app.Anonymous("fr").GetDocumentAsync("/organizations/cgt");

        page.Text("h1").ShouldBe("Confédération générale du Travail (CGT)");
        page.Text(".facts dd").ShouldBe("Syndicat");
        page.Text(".facts ul.plain li").ShouldBe("Membre depuis le 2 mars 2026");
        page.QuerySelectorAll("#signed-title ~ ul a").Select(a => a.GetAttribute("href")).ShouldBe(["/statements/liberez-omar-alsoumi"]);
    }

    [Fact]
    public async Task An_unknown_organization_is_a_404()
    {
        (await app.Anonymous().GetAsync("/organizations/nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_api_lists_organizations_as_json_sorted_and_filtered()
    {
        var client = app.Anonymous();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/organizations");
        all.GetProperty("total").GetInt32().ShouldBe(49);
        all.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("AFD International");

        var parties = await client.GetFromJsonAsync<JsonElement>("/api/organizations?kind=party&q=insoumise");
        var item = parties.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("slug").GetString().ShouldBe("lfi");
        item.GetProperty("acronym").GetString().ShouldBe("LFI");
        item.GetProperty("kind").GetString().ShouldBe("Party");
    }

    [Fact]
    public async Task The_api_returns_one_organization_with_its_memberships()
    {
        var organization = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/organizations/ujfp");

        organization.GetProperty("name").GetString().ShouldBe("Union Juive Française pour la Paix");
        organization.GetProperty("memberships")[0].GetProperty("joinedOn").GetString().ShouldBe("2026-03-02");
    }

    [Theory]
    [InlineData("/api/organizations/nobody", 404, "Organization not found")]
    [InlineData("/api/organizations?kind=dragons", 400, "Unknown kind")]
    [InlineData("/api/organizations?pageSize=0", 400, "Invalid paging")]
    [InlineData("/api/organizations?page=abc", 400, null)]
    public async Task Api_errors_are_problem_details(string url, int status, string? title)
    {
        var response = await app.Anonymous().GetAsync(url);

        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        if (title is not null)
        {
            problem.GetProperty("title").GetString().ShouldBe(title);
        }
    }
}
