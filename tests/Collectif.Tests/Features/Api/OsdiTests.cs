using System.Net;
using System.Text;
using System.Text.Json;
using Collectif.Features.Accounts;
using Collectif.Features.Api;
using Collectif.Features.Mobilizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Api;

/// <summary>
/// The OSDI face of the API as an OSDI client uses it: start at the entry point, follow HAL links,
/// record a signature with the helper (an Action Network-shaped body), read it back with the key in
/// OSDI-API-Token once the signer confirmed; events from gatherings.
/// </summary>
public class OsdiTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private const string Hal = "application/hal+json";

    private static async Task<JsonElement> HalAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Hal);
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status) => response.ReadProblemAsync(status);

    private static string Href(JsonElement resource, string rel) => resource.GetProperty("_links").GetProperty(rel).GetProperty("href").GetString()!;

    private static string PathOf(string href) => new Uri(href).PathAndQuery;

    private HttpClient Signer()
    {
        var client = app.Anonymous("fr");
        client.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, "198.18.220." + Random.Shared.Next(1, 250));
        return client;
    }

    private static StringContent Body(object body, string contentType = "application/json") => new(JsonSerializer.Serialize(body), Encoding.UTF8, contentType);

    /// <summary>What Action Network-style tools post: more than Collectif keeps (phone, tags, identifiers), which it ignores.</summary>
    private static Dictionary<string, object?> HelperBody(string email, bool optIn = false, string? givenName = "Camille", string other = "old@example.org") => new Dictionary<string, object?>
    {
        ["identifiers"] = new[] { "crm:1234" },
        ["origin_system"] = "Union CRM",
        ["person"] = new
        {
            given_name = givenName,
            family_name = "Durand",
            email_addresses = new[] { new { address = other, primary = false }, new { address = email, primary = true } },
            postal_addresses = new[] { new { postal_code = "69007", country = "FR", locality = "Lyon", primary = true } },
            phone_numbers = new[] { new { number = "0600000000", primary = true } },
            languages_spoken = new[] { "en" },
        },
        ["add_tags"] = new[] { "volunteer" },
        ["comments"] = "Solidarité",
        ["collectif:coalition_opt_in"] = optIn,
    };

    [Fact]
    public async Task A_client_starts_at_the_entry_point_follows_links_to_a_petition_records_a_signature_and_reads_it_back_with_its_key()
    {
        var (_, slug, id) = await app.PublishedStatementAsync("Petition");
        var client = Signer();

        var entry = await HalAsync(await client.GetAsync("/api/osdi/v1"));
        entry.GetProperty("max_pagesize").GetInt32().ShouldBe(100);
        entry.GetProperty("_links").GetProperty("curies")[0].GetProperty("name").GetString().ShouldBe("osdi");
        var petitionsUrl = Href(entry, "osdi:petitions");
        petitionsUrl.ShouldStartWith("http"); // HAL links are absolute

        // Newest first: the petition just published leads the first page.
        var petitions = await HalAsync(await client.GetAsync(PathOf(petitionsUrl) + "?per_page=1"));
        petitions.GetProperty("per_page").GetInt32().ShouldBe(1);
        var first = petitions.GetProperty("_embedded").GetProperty("osdi:petitions")[0];
        first.GetProperty("identifiers")[0].GetString().ShouldBe($"collectif:{slug}");
        first.GetProperty("origin_system").GetString().ShouldBe("Collectif");
        first.GetProperty("total_signatures").GetInt32().ShouldBe(0);
        first.GetProperty("description").GetString()!.ShouldContain("<p>");
        first.GetProperty("browser_url").GetString()!.ShouldEndWith($"/statements/{slug}");
        petitions.GetProperty("_links").GetProperty("osdi:petitions")[0].GetProperty("href").GetString().ShouldBe(Href(first, "self"));

        var petition = await HalAsync(await client.GetAsync(PathOf(Href(first, "self"))));
        var helper = Href(petition, "osdi:record_signature_helper");

        // The helper takes the OSDI body (as hal+json too), mails the signer, and the signature counts once confirmed.
        var email = $"osdi-{Guid.NewGuid():N}@example.org";
        var other = $"other-{Guid.NewGuid():N}@example.org";
        var accepted = await HalAsync(await client.PostAsync(PathOf(helper), Body(HelperBody(email, optIn: true, other: other), Hal)), HttpStatusCode.Accepted);
        accepted.GetProperty("collectif:status").GetString().ShouldBe("confirmation-sent");
        Href(accepted, "osdi:petition").ShouldBe(Href(petition, "self"));
        var link = await HttpExtensions.PetitionConfirmationPathAsync(email);
        SmtpSink.MessagesTo(other).ShouldBeEmpty(); // the primary address is the one used
        (await client.PostFormAsync(link, [])).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);

        (await app.WithDbAsync(db => db.PetitionSignatures.Where(s => s.StatementId == id).Select(s => s.Status).ToListAsync())).ShouldBe([Collectif.Features.Petitions.SignatureStatus.Confirmed]);
        app.Clock.Advance(Collectif.Features.Petitions.PetitionStats.FreshFor); // counts are cached a moment
        await app.Services.GetRequiredService<Collectif.Features.Petitions.PetitionStats>().RefreshedAsync(id);
        var counted = await HalAsync(await client.GetAsync(PathOf(Href(petition, "self"))));
        counted.GetProperty("total_signatures").GetInt32().ShouldBe(1);

        // Signatures: not without a key, not with a key lacking the scope; with the OSDI header, the signer embedded.
        var signaturesPath = PathOf(Href(petition, "osdi:signatures"));
        (await client.GetAsync(signaturesPath)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var reader = app.Anonymous("en");
        reader.DefaultRequestHeaders.Add("OSDI-API-Token", await app.ApiTokenAsync(ApiScopes.Read, [Roles.Editor]));
        (await reader.GetAsync(signaturesPath)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var crm = app.Anonymous("en");
        crm.DefaultRequestHeaders.Add("OSDI-API-Token", await app.ApiTokenAsync(ApiScopes.Petitions, [Roles.Editor]));
        var signaturesResponse = await crm.GetAsync(signaturesPath);
        signaturesResponse.Headers.CacheControl!.Private.ShouldBeTrue(); // signers' details: no shared cache keeps them
        signaturesResponse.Headers.Vary.ShouldContain("OSDI-API-Token");
        var signatures = await HalAsync(signaturesResponse);
        signatures.GetProperty("total_records").GetInt32().ShouldBe(1);
        var signature = signatures.GetProperty("_embedded").GetProperty("osdi:signatures")[0];
        signature.GetProperty("comments").GetString().ShouldBe("Solidarité");
        var person = signature.GetProperty("_embedded").GetProperty("osdi:person");
        person.GetProperty("given_name").GetString().ShouldBe("Camille");
        person.GetProperty("family_name").GetString().ShouldBe("Durand");
        person.GetProperty("email_addresses")[0].GetProperty("address").GetString().ShouldBe(email);
        person.GetProperty("email_addresses")[0].GetProperty("status").GetString().ShouldBe("subscribed");
        person.GetProperty("postal_addresses")[0].GetProperty("postal_code").GetString().ShouldBe("69007");
        person.GetProperty("languages_spoken")[0].GetString().ShouldBe("en");
        Href(signature, "osdi:petition").ShouldBe(Href(petition, "self"));

        var one = await HalAsync(await crm.GetAsync(PathOf(Href(signature, "self"))));
        one.GetProperty("identifiers")[0].GetString().ShouldBe(signature.GetProperty("identifiers")[0].GetString());
        (await crm.GetAsync(PathOf(Href(signature, "self")) + "0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // modified_date of a signature is its confirmation: a sync asking for later ones gets none.
        var later = Uri.EscapeDataString($"modified_date gt '{app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}'");
        (await HalAsync(await crm.GetAsync($"{signaturesPath}?filter={later}"))).GetProperty("total_records").GetInt32().ShouldBe(0);
        var earlier = Uri.EscapeDataString($"modified_date ge '{app.Clock.GetUtcNow().UtcDateTime.AddDays(-1):yyyy-MM-dd}' and modified_date lt '{app.Clock.GetUtcNow().UtcDateTime.AddDays(1):yyyy-MM-dd}'");
        (await HalAsync(await crm.GetAsync($"{signaturesPath}?filter={earlier}"))).GetProperty("total_records").GetInt32().ShouldBe(1);

        // Reading signers is in the audit log, as the CSV export is.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Subject == $"statement:{slug}" && a.Details!.StartsWith("OSDI")))).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task The_helper_refuses_bad_bodies_with_osdi_field_names_and_stores_nothing()
    {
        var (_, slug, id) = await app.PublishedStatementAsync("Petition");
        var client = Signer();
        var helper = $"/api/osdi/v1/petitions/{slug}/record_signature_helper";

        var noEmail = await ProblemAsync(await client.PostAsync(helper, Body(HelperBody("not-an-address", givenName: ""))), HttpStatusCode.BadRequest);
        var errors = noEmail.GetProperty("errors");
        errors.TryGetProperty("person.email_addresses", out _).ShouldBeTrue(errors.ToString());
        errors.TryGetProperty("person.given_name", out _).ShouldBeTrue(errors.ToString());
        errors.GetProperty("person.email_addresses")[0].GetString()!.ShouldContain("adresse"); // the French client reads French

        (await ProblemAsync(await client.PostAsync(helper, Body(new { comments = "no person" })), HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString()!.ShouldContain("person");
        (await ProblemAsync(await client.PostAsync(helper, new StringContent("{\"person\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        (await client.PostAsync(helper, new StringContent("person=x", Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ProblemAsync(await client.PostAsync("/api/osdi/v1/petitions/nope/record_signature_helper", Body(HelperBody("a@example.org"))), HttpStatusCode.NotFound))
            .GetProperty("title").GetString().ShouldBe("Petition not found");

        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/osdi/v1/petitions?per_page=0", "per_page")]
    [InlineData("/api/osdi/v1/petitions?per_page=101", "per_page")]
    [InlineData("/api/osdi/v1/events?page=0", "page")]
    [InlineData("/api/osdi/v1/petitions?filter=title%20eq%20%27x%27", "modified_date")]
    [InlineData("/api/osdi/v1/events?filter=modified_date%20gt%20%27yesterday%27", "modified_date")]
    [InlineData("/api/osdi/v1/petitions?page=abc", "page")]
    public async Task Bad_queries_get_a_problem_that_says_what_is_understood(string url, string expected)
    {
        var problem = await ProblemAsync(await app.Anonymous("en").GetAsync(url), HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain(expected);
    }

    [Fact]
    public async Task Drafts_are_not_osdi_petitions_and_communiques_are_not_petitions()
    {
        var (_, communique, _) = await app.PublishedStatementAsync("Communique");
        (await app.Anonymous("en").GetAsync($"/api/osdi/v1/petitions/{communique}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var all = await HalAsync(await app.Anonymous("en").GetAsync("/api/osdi/v1/petitions?per_page=100"));
        all.GetProperty("_embedded").GetProperty("osdi:petitions").EnumerateArray()
            .Select(p => p.GetProperty("identifiers")[0].GetString()).ShouldNotContain($"collectif:{communique}");
    }

    [Fact]
    public async Task Each_gathering_of_a_published_mobilization_is_an_event_with_its_status_place_and_turnout()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var at = app.Clock.GetUtcNow().UtcDateTime.AddYears(5).AddDays(Random.Shared.Next(1, 300));
        var (paris, lyon, hidden) = await app.WithDbAsync(async db =>
        {
            var mobilization = new Mobilization { Slug = tag, Title = "Journée " + tag, Description = "Contre la **réforme**.", Kind = MobilizationKind.March, Published = true, CreatedAt = at.AddDays(-30), UpdatedAt = at.AddDays(-1) };
            var banned = new Gathering { City = "Paris", PlaceName = "Place de la République", Latitude = 48.8675, Longitude = 2.3639, StartsAt = at, EndsAt = at.AddHours(3), Status = MobilizationStatus.Banned };
            banned.Turnout.Add(new TurnoutEstimate { SourceKind = TurnoutSource.Organizers, Low = 30000 });
            banned.Turnout.Add(new TurnoutEstimate { SourceKind = TurnoutSource.Police, Low = 8000, High = 9000 });
            var declared = new Gathering { City = "Lyon", Address = "Place Bellecour", StartsAt = at.AddHours(1), Status = MobilizationStatus.Declared };
            mobilization.Gatherings.AddRange([banned, declared]);
            var draft = new Mobilization { Slug = tag + "-draft", Title = "Brouillon", Published = false, CreatedAt = at, UpdatedAt = at };
            var unpublished = new Gathering { City = "Paris", StartsAt = at, Status = MobilizationStatus.Announced };
            draft.Gatherings.Add(unpublished);
            db.Mobilizations.AddRange(mobilization, draft);
            await db.SaveChangesAsync();
            return (banned.Id, declared.Id, unpublished.Id);
        });

        var client = app.Anonymous("en");
        var since = Uri.EscapeDataString($"modified_date ge '{at.AddDays(-2):yyyy-MM-ddTHH:mm:ssZ}'");
        var events = await HalAsync(await client.GetAsync($"/api/osdi/v1/events?filter={since}"));
        var embedded = events.GetProperty("_embedded").GetProperty("osdi:events").EnumerateArray().ToList();
        embedded.Select(e => e.GetProperty("identifiers")[0].GetString()).ShouldBe([$"collectif:gathering-{paris}", $"collectif:gathering-{lyon}"]);

        var first = embedded[0];
        first.GetProperty("title").GetString().ShouldBe($"Journée {tag} — Paris");
        first.GetProperty("status").GetString().ShouldBe("tentative"); // banned: whether it takes place is open
        first.GetProperty("collectif:status").GetString().ShouldBe("Banned");
        first.GetProperty("description").GetString()!.ShouldContain("<strong>réforme</strong>");
        first.GetProperty("location").GetProperty("venue").GetString().ShouldBe("Place de la République");
        first.GetProperty("location").GetProperty("location").GetProperty("latitude").GetDouble().ShouldBe(48.8675);
        first.GetProperty("collectif:turnout").GetArrayLength().ShouldBe(2);
        first.GetProperty("end_date").GetDateTime().ShouldBe(at.AddHours(3));
        embedded[1].GetProperty("status").GetString().ShouldBe("confirmed");
        embedded[1].GetProperty("location").GetProperty("address_lines")[0].GetString().ShouldBe("Place Bellecour");

        var one = await HalAsync(await client.GetAsync(PathOf(Href(first, "self"))));
        one.GetProperty("identifiers")[0].GetString().ShouldBe($"collectif:gathering-{paris}");
        PathOf(Href(one, "collectif:calendar")).ShouldBe($"/mobilizations/{tag}.ics");

        (await ProblemAsync(await client.GetAsync($"/api/osdi/v1/events/{hidden}"), HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe("Event not found");
    }
}
