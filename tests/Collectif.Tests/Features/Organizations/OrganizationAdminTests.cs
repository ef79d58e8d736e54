using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Organizations;

public class OrganizationAdminTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private static Dictionary<string, string> Form(string name, string? acronym = null, string kind = "Association", string? slug = null, string? website = null, string? aliases = null, string? domains = null) => new()
    {
        ["Form.Name"] = name,
        ["Form.Acronym"] = acronym ?? "",
        ["Form.Kind"] = kind,
        ["Form.Slug"] = slug ?? "",
        ["Form.Website"] = website ?? "",
        ["Form.Aliases"] = aliases ?? "",
        ["Form.EmailDomains"] = domains ?? "",
        ["Form.IsMember"] = "true",
        ["Form.MemberSince"] = "2025-09-01",
    };

    [Fact]
    public async Task An_administrator_adds_an_organization_that_then_has_its_public_page()
    {
        var client = await app.AdministratorAsync("fr");
        var name = Unique("Ligue des droits de l’Homme");
        var slug = "ldh-" + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostFormAsync("/admin/organizations/new", Form(name, "LDH", slug: slug, website: "https://www.ldh-france.org", aliases: "Ligue des droits de l'Homme et du citoyen", domains: "ldh-france.org"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/organizations/{slug}");
        var page = await client.GetDocumentAsync($"/organizations/{slug}");
        page.Text("h1").ShouldBe($"{name} (LDH)");
        page.QuerySelector("a[rel~=nofollow]")!.GetAttribute("href").ShouldBe("https://www.ldh-france.org");
        page.Text(".facts").ShouldContain("ldh-france.org");
        page.Text(".facts").ShouldContain("Membre depuis le 1 septembre 2025");
        (await client.GetDocumentAsync("/organizations?q=droits+de+l%27homme+et+du+citoyen")).QuerySelectorAll(".organization-list li > a").Select(a => a.TextContent).ShouldContain(name);
    }

    [Fact]
    public async Task Without_a_slug_one_is_made_from_the_acronym_then_the_name()
    {
        var client = await app.AdministratorAsync();
        var acronym = "ZQ" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();

        var first = await client.PostFormAsync("/admin/organizations/new", Form(Unique("Zèbres Québécois"), acronym));
        var second = await client.PostFormAsync("/admin/organizations/new", Form("Zèbres du Quercy " + acronym, acronym));

        first.Headers.Location!.OriginalString.ShouldBe($"/organizations/{acronym.ToLowerInvariant()}");
        second.Headers.Location!.OriginalString.ShouldBe($"/organizations/zebres-du-quercy-{acronym.ToLowerInvariant()}");
    }

    [Fact]
    public async Task A_taken_slug_is_refused_with_a_message_and_nothing_is_written()
    {
        var client = await app.AdministratorAsync("fr");
        var slug = "taken-" + Guid.NewGuid().ToString("N")[..6];
        (await client.PostFormAsync("/admin/organizations/new", Form(Unique("Première"), slug: slug))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = Unique("Seconde");

        var response = await client.PostFormAsync("/admin/organizations/new", Form(second, slug: slug));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).ShouldContain($"Une autre organisation utilise déjà l’adresse « {slug} ».");
        (await app.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == second))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("", null, null, "en", "Enter the organization's name.")]
    [InlineData("   ", null, null, "fr", "Saisissez le nom de l’organisation.")]
    [InlineData("x", "Bad Slug!", null, "en", "The slug may only contain lower-case letters, digits and single hyphens.")]
    [InlineData("x", null, "javascript:alert(1)", "en", "The website must be a full address starting with https:// or http://.")]
    [InlineData("x", null, "ftp://example.org", "fr", "Le site doit être une adresse complète commençant par https:// ou http://.")]
    public async Task Invalid_fields_get_a_message_in_the_page_language(string name, string? slug, string? website, string language, string message)
    {
        var client = await app.AdministratorAsync(language);

        var response = await client.PostFormAsync("/admin/organizations/new", Form(name, slug: slug, website: website));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).ShouldContain(message);
    }

    [Fact]
    public async Task An_over_long_name_is_refused()
    {
        var client = await app.AdministratorAsync("en");

        var response = await client.PostFormAsync("/admin/organizations/new", Form(new string('A', 301)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).QuerySelectorAll(".field-error").Select(e => e.TextContent.Trim()).ShouldContain("The name is too long (at most 300 characters).");
    }

    [Fact]
    public async Task A_nonsense_kind_is_refused_not_stored()
    {
        var client = await app.AdministratorAsync("en");

        var response = await client.PostFormAsync("/admin/organizations/new", Form(Unique("Kind"), kind: "42"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Names_with_html_are_stored_as_text_and_shown_escaped()
    {
        var client = await app.AdministratorAsync();
        var name = "<script>alert('x')</script> " + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostFormAsync("/admin/organizations/new", Form(name));
        var html = await (await client.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();

        html.ShouldNotContain("<script>alert");
        html.ShouldContain("&lt;script&gt;alert(");
    }

    [Fact]
    public async Task Editing_changes_the_organization_and_leaving_ends_the_membership()
    {
        var client = await app.AdministratorAsync("en");
        var slug = "edit-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostFormAsync("/admin/organizations/new", Form(Unique("Before"), slug: slug));
        var edit = await client.GetDocumentAsync($"/admin/organizations/{slug}/edit");
        edit.QuerySelector("input[name='Form.Slug']")!.GetAttribute("value").ShouldBe(slug);

        var form = Form("After", "AFT", kind: "Union", slug: slug);
        form["Form.IsMember"] = "false";
        var response = await client.PostFormAsync($"/admin/organizations/{slug}/edit", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await client.GetDocumentAsync($"/organizations/{slug}");
        page.Text("h1").ShouldBe("After (AFT)");
        page.Text(".facts").ShouldContain("Trade union");
        page.Text(".facts ul.plain li").ShouldBe("From September 1, 2025 to March 2, 2026");
    }

    [Fact]
    public async Task Merging_moves_memberships_and_signatures_and_redirects_the_old_page()
    {
        var client = await app.AdministratorAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await client.PostFormAsync("/admin/organizations/new", Form("Attac France " + suffix, "ATTAC" + suffix.ToUpperInvariant(), slug: "attac-" + suffix));
        await client.PostFormAsync("/admin/organizations/new", Form("Association pour la Taxation " + suffix, slug: "taxation-" + suffix));

        var response = await client.PostFormAsync("/admin/organizations/merge", new() { ["Duplicate"] = "taxation-" + suffix, ["Kept"] = "attac-" + suffix });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var old = await client.GetAsync("/organizations/taxation-" + suffix);
        old.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        old.Headers.Location!.OriginalString.ShouldBe("/organizations/attac-" + suffix);
        var kept = await client.GetDocumentAsync("/organizations/attac-" + suffix);
        kept.Text(".facts").ShouldContain("Association pour la Taxation " + suffix);
        kept.QuerySelectorAll(".facts ul.plain li").Length.ShouldBe(2);
        (await client.GetDocumentAsync("/organizations?q=" + suffix)).QuerySelectorAll(".organization-list li").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Merging_an_organization_into_itself_is_refused()
    {
        var client = await app.AdministratorAsync("fr");
        var slug = "self-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostFormAsync("/admin/organizations/new", Form(Unique("Soi"), slug: slug));

        var response = await client.PostFormAsync("/admin/organizations/merge", new() { ["Duplicate"] = slug, ["Kept"] = slug });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Une organisation ne peut pas être fusionnée avec elle-même.");
    }
}
