using System.Net;
using Collectif.Features.Accounts;
using Collectif.Features.Mobilizations;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Mobilizations;

/// <summary>A day of action in several cities, a ban, a maintained rally, turnout by source, and the calendar apps' view.</summary>
public class MobilizationTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private async Task<(HttpClient Editor, string Slug)> CreateAsync(string title)
    {
        var editor = await app.SignedInAsync("fr", Roles.Editor);
        var created = await editor.PostFormAsync("/editor/mobilizations/new", new() { ["Title"] = title, ["Kind"] = "Rally", ["Description"] = "Journée d’action." });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        return (editor, created.Headers.Location!.OriginalString.Split('/')[3]);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient editor, string slug, string handler, Dictionary<string, string> fields) =>
        editor.PostFormAsync($"/editor/mobilizations/{slug}?handler={handler}", fields, $"/editor/mobilizations/{slug}");

    private async Task<Mobilization> LoadAsync(string slug) =>
        await app.WithDbAsync(db => db.Mobilizations.Include(m => m.Gatherings).ThenInclude(g => g.Turnout).Include(m => m.StatusChanges).AsSplitQuery().SingleAsync(m => m.Slug == slug));

    [Fact]
    public async Task A_day_of_action_in_three_cities_is_filled_from_an_announcement_then_one_rally_is_banned_and_maintained()
    {
        var (editor, slug) = await CreateAsync("Journée pour la paix " + Guid.NewGuid().ToString("N")[..6]);
        const string announcement = "Samedi 21 mars 2026, rassemblements :\n- Paris, 14h30, place de la République\n- Lyon : 15h, place Bellecour\n- Marseille, de 14h à 16h, Vieux-Port";

        var preview = await PostAsync(editor, slug, "PreviewAnnouncement", new() { ["Announcement"] = announcement });
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await preview.ReadDocumentAsync()).QuerySelectorAll(".announcement-preview tbody tr").Length.ShouldBe(3);
        (await LoadAsync(slug)).Gatherings.ShouldBeEmpty(); // a preview saves nothing

        (await PostAsync(editor, slug, "AddAnnouncement", new() { ["Announcement"] = announcement })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mobilization = await LoadAsync(slug);
        mobilization.Gatherings.Select(g => g.City).Order().ShouldBe(["Lyon", "Marseille", "Paris"]);
        var lyon = mobilization.Gatherings.Single(g => g.City == "Lyon");
        lyon.StartsAt.ShouldBe(new DateTime(2026, 3, 21, 14, 0, 0, DateTimeKind.Utc)); // 15:00 in Paris, winter time
        mobilization.Gatherings.Single(g => g.City == "Marseille").EndsAt.ShouldBe(new DateTime(2026, 3, 21, 15, 0, 0, DateTimeKind.Utc));

        var id = lyon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await PostAsync(editor, slug, "Status", new() { ["Status.Status"] = "Banned", ["Status.GatheringId"] = id, ["Status.Authority"] = "Préfecture du Rhône", ["Status.OrderReference"] = "2026-03-19-01", ["Status.Reason"] = "Risque de troubles" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(editor, slug, "Status", new() { ["Status.Status"] = "Maintained", ["Status.GatheringId"] = id, ["Status.Source"] = "Communiqué des organisateurs" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(editor, slug, "Turnout", new() { ["TurnoutGathering"] = id, ["TurnoutSource"] = "Organizers", ["TurnoutLow"] = "30 000" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(editor, slug, "Turnout", new() { ["TurnoutGathering"] = id, ["TurnoutSource"] = "Police", ["TurnoutLow"] = "8000", ["TurnoutHigh"] = "9,500", ["TurnoutLink"] = "https://example.org/prefecture" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await app.Anonymous("fr").GetDocumentAsync($"/mobilizations/{slug}");
        page.Text(".current-status").ShouldBe("État : Maintenu (Lyon)");
        page.QuerySelectorAll(".timeline li").Select(li => li.TextContent).ShouldContain(t => t.Contains("Interdit") && t.Contains("par Préfecture du Rhône") && t.Contains("2026-03-19-01"));
        var turnout = page.QuerySelectorAll($"#gathering-{id} .turnout tbody tr").Select(r => r.TextContent.Trim()).ToList();
        turnout.Count.ShouldBe(2); // side by side, never added up
        turnout[0].ShouldContain("environ 30");
        turnout[1].ShouldContain("8");
        page.QuerySelector($"#gathering-{id} a[href^='geo:']").ShouldNotBeNull();
        page.QuerySelector("script[type='application/ld+json']")!.TextContent.ShouldContain("EventScheduled");

        // Organizers, supporters, the call and practical details appear on the page.
        var organizations = await app.WithDbAsync(async db =>
        {
            db.Organizations.AddRange(new Collectif.Features.Organizations.Organization { Name = "Union " + slug, Slug = "u-" + slug }, new Collectif.Features.Organizations.Organization { Name = "Ligue " + slug, Slug = "l-" + slug });
            await db.SaveChangesAsync();
            return await db.Organizations.Where(o => o.Slug.EndsWith(slug)).OrderBy(o => o.Name).Select(o => o.Id).ToListAsync();
        });
        var details = new List<KeyValuePair<string, string>>
        {
            new("Title", "Journée pour la paix"), new("Kind", "Rally"), new("AccessibilityNotes", "Parcours accessible en fauteuil."), new("Contact", "contact@example.org"),
            new("Organizers", organizations[1].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Supporters", organizations[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var form = await (await editor.GetAsync($"/editor/mobilizations/{slug}")).ReadDocumentAsync();
        details.Add(new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        (await editor.PostAsync($"/editor/mobilizations/{slug}", new FormUrlEncodedContent(details))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await app.Anonymous("fr").GetDocumentAsync($"/mobilizations/{slug}");
        page.Text(".organizers").ShouldContain($"Organisé par Union {slug}.");
        page.Text(".organizers").ShouldContain($"Soutenu par Ligue {slug}.");
        page.Text(".accessibility").ShouldContain("fauteuil");
        (await app.Anonymous().GetDocumentAsync("/mobilizations")).QuerySelectorAll(".gatherings h3").Select(h => h.TextContent).ShouldContain(t => t.StartsWith("Lyon", StringComparison.Ordinal));
        (await app.Anonymous().GetDocumentAsync("/mobilizations?city=lyon")).QuerySelectorAll(".gatherings h3").Select(h => h.TextContent).ShouldAllBe(t => t.StartsWith("Lyon", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_calendar_parses_back_with_time_zones_statuses_and_a_sequence_that_rises_with_each_change()
    {
        var (editor, slug) = await CreateAsync("Rassemblement heure d’été " + Guid.NewGuid().ToString("N")[..6]);
        // The clocks go forward in Paris on 29 March 2026: one rally before, one after.
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Paris", ["Gathering.PlaceName"] = "place de la République", ["Gathering.Start"] = "2026-03-28T14:30", ["Gathering.TimeZone"] = "Europe/Paris", ["Gathering.Latitude"] = "48.8675", ["Gathering.Longitude"] = "2.3636" });
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Fort-de-France", ["Gathering.Start"] = "2026-03-30T17:00", ["Gathering.End"] = "2026-03-30T19:00", ["Gathering.TimeZone"] = "America/Martinique" });
        var first = Ical.Net.Calendar.Load(await app.Anonymous().GetStringAsync($"/mobilizations/{slug}.ics"))!;
        var sequence = first.Events.First().Sequence;

        var fortDeFrance = (await LoadAsync(slug)).Gatherings.Single(g => g.City == "Fort-de-France").Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(editor, slug, "Status", new() { ["Status.Status"] = "Cancelled", ["Status.GatheringId"] = fortDeFrance });

        var response = await app.Anonymous().GetAsync($"/mobilizations/{slug}.ics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        calendar.TimeZones.Select(z => z.TzId).Order().ShouldBe(["America/Martinique", "Europe/Paris"]);
        var paris = calendar.Events.Single(e => e.Summary!.EndsWith("Paris", StringComparison.Ordinal));
        paris.DtStart!.TzId.ShouldBe("Europe/Paris");
        paris.DtStart.Value.ShouldBe(new DateTime(2026, 3, 28, 14, 30, 0));
        paris.DtStart.AsUtc.ShouldBe(new DateTime(2026, 3, 28, 13, 30, 0, DateTimeKind.Utc));
        paris.Status.ShouldBe("CONFIRMED");
        paris.Location.ShouldBe("place de la République, Paris");
        paris.GeographicLocation!.Latitude.ShouldBe(48.8675);
        var martinique = calendar.Events.Single(e => e.Summary!.EndsWith("Fort-de-France", StringComparison.Ordinal));
        martinique.Status.ShouldBe("CANCELLED");
        martinique.DtEnd!.AsUtc.ShouldBe(new DateTime(2026, 3, 30, 23, 0, 0, DateTimeKind.Utc));
        martinique.Sequence.ShouldBeGreaterThan(sequence);
        martinique.Uid.ShouldNotBe(paris.Uid);

        var all = Ical.Net.Calendar.Load(await app.Anonymous().GetStringAsync("/mobilizations.ics"))!;
        all.Events.Count(e => e.Url!.AbsolutePath == $"/mobilizations/{slug}").ShouldBe(2);
        var city = Ical.Net.Calendar.Load(await app.Anonymous().GetStringAsync("/mobilizations/cities/fort-de-france.ics".Replace("fort-de-france", "Fort-de-France", StringComparison.Ordinal)))!;
        city.Events.ShouldAllBe(e => e.Summary!.EndsWith("Fort-de-France", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Gathering", "Gathering.City=Paris&Gathering.Start=2026-05-01T15:00&Gathering.End=2026-05-01T14:00&Gathering.TimeZone=Europe/Paris", "La fin doit venir après le début.")]
    [InlineData("Gathering", "Gathering.City=Paris&Gathering.Start=2026-02-30T15:00&Gathering.TimeZone=Europe/Paris", "Indiquez le jour et l’heure du début.")]
    [InlineData("Gathering", "Gathering.City=Paris&Gathering.Start=2026-05-01T15:00&Gathering.TimeZone=Mars/Olympus", "Choisissez un fuseau horaire dans la liste.")]
    [InlineData("Gathering", "Gathering.City=Paris&Gathering.Start=2026-03-29T02:30&Gathering.TimeZone=Europe/Paris", "Cette heure n’existe pas dans ce fuseau horaire (passage à l’heure d’été) ; choisissez-en une autre.")]
    [InlineData("Turnout", "TurnoutSource=Police&TurnoutLow=beaucoup", "La participation est un nombre de personnes, par exemple 30000 ou 30 000.")]
    [InlineData("Status", "Status.Status=Banned", "Indiquez qui l’a interdit (préfecture, ministère…).")]
    public async Task Bad_input_is_explained_in_the_page_language(string handler, string query, string message)
    {
        var (editor, slug) = await CreateAsync("Mauvaises saisies " + Guid.NewGuid().ToString("N")[..6]);
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Nantes", ["Gathering.Start"] = "2026-05-01T15:00", ["Gathering.TimeZone"] = "Europe/Paris" });
        var fields = System.Web.HttpUtility.ParseQueryString(query);
        var form = fields.AllKeys.ToDictionary(k => k!, k => fields[k]!);
        if (handler == "Turnout")
        {
            form["TurnoutGathering"] = (await LoadAsync(slug)).Gatherings.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var response = await PostAsync(editor, slug, handler, form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
    }

    [Fact]
    public async Task The_seed_rally_is_in_the_demo_with_its_ban_its_maintenance_and_its_turnout()
    {
        await using var demo = new DemoApp();
        var page = await demo.Anonymous("en").GetDocumentAsync("/mobilizations/paris-22-octobre-2023");

        page.Text(".current-status").ShouldBe("Status: Held");
        page.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent).ShouldBe(["Banned", "Announced", "Maintained", "Held"]);
        page.Text(".turnout tbody").ShouldContain("about 30,000");
        using (var reader = System.Xml.XmlReader.Create(await demo.Anonymous().GetStreamAsync("/feeds/mobilizations.atom")))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
            feed.Items.Single().Summary.Text.ShouldBe("Paris 2023-10-22 14:00 (Held)");
        }

        var calendar = Ical.Net.Calendar.Load(await demo.Anonymous().GetStringAsync("/mobilizations/paris-22-octobre-2023.ics"))!;
        calendar.Events.Single().DtStart!.AsUtc.ShouldBe(new DateTime(2023, 10, 22, 12, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Subscribers_confirm_by_mail_receive_status_alerts_and_can_stop_them()
    {
        var (editor, slug) = await CreateAsync("Rassemblement avec alertes " + Guid.NewGuid().ToString("N")[..6]);
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Rennes", ["Gathering.Start"] = "2026-05-01T15:00", ["Gathering.TimeZone"] = "Europe/Paris" });
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        var reader = app.Anonymous("fr");

        var bad = await reader.PostFormAsync($"/mobilizations/{slug}?handler=Subscribe", new() { ["AlertEmail"] = "pas une adresse" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ReadDocumentAsync()).Text(".field-error").ShouldBe("Saisissez une adresse e-mail valide.");
        (await reader.PostFormAsync($"/mobilizations/{slug}?handler=Subscribe", new() { ["AlertEmail"] = email })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var confirmation = await SmtpSink.WaitForMessageAsync(email);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(confirmation.TextBody!, @"https?://\S+/mobilizations/alerts/\S+").Value).AbsolutePath;
        await reader.GetDocumentAsync(link);
        (await app.WithDbAsync(db => db.MobilizationSubscriptions.SingleAsync(s => s.Email == email))).ConfirmedAt.ShouldBeNull(); // opening the link is not confirming
        (await reader.PostFormAsync(link, [])).StatusCode.ShouldBe(HttpStatusCode.OK);

        await PostAsync(editor, slug, "Status", new() { ["Status.Status"] = "Cancelled" });
        var alert = await SmtpSink.WaitForMessageAsync(email, subjectContains: "Annulé");
        var stop = new Uri(System.Text.RegularExpressions.Regex.Match(alert.TextBody!, @"https?://\S+/mobilizations/alerts/stop/\S+").Value).AbsolutePath;
        (await reader.PostFormAsync(stop, [])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.MobilizationSubscriptions.AnyAsync(s => s.Email == email))).ShouldBeFalse(); // erased
        (await reader.GetAsync("/mobilizations/alerts/stop/forged-token-value-123456")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_gathering_or_a_figure_entered_by_mistake_can_be_removed()
    {
        var (editor, slug) = await CreateAsync("Erreurs de saisie " + Guid.NewGuid().ToString("N")[..6]);
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Nantes", ["Gathering.Start"] = "2026-05-01T15:00", ["Gathering.TimeZone"] = "Europe/Paris" });
        await PostAsync(editor, slug, "Gathering", new() { ["Gathering.City"] = "Nante", ["Gathering.Start"] = "2026-05-01T15:00", ["Gathering.TimeZone"] = "Europe/Paris" });
        var mobilization = await LoadAsync(slug);
        var nantes = mobilization.Gatherings.Single(g => g.City == "Nantes").Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(editor, slug, "Turnout", new() { ["TurnoutGathering"] = nantes, ["TurnoutSource"] = "Police", ["TurnoutLow"] = "20000" });
        var typo = mobilization.Gatherings.Single(g => g.City == "Nante").Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (await PostAsync(editor, slug, "RemoveGathering", new() { ["RemoveId"] = typo })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var figure = (await LoadAsync(slug)).Gatherings.Single().Turnout.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await PostAsync(editor, slug, "RemoveTurnout", new() { ["RemoveId"] = figure })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(editor, slug, "RemoveGathering", new() { ["RemoveId"] = "999999" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var after = await LoadAsync(slug);
        after.Gatherings.Select(g => g.City).ShouldBe(["Nantes"]);
        after.Gatherings.Single().Turnout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_editors_manage_mobilizations()
    {
        var observer = await app.SignedInAsync("en", Roles.Observer);
        (await observer.GetAsync("/editor/mobilizations/new")).Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        (await app.Anonymous().GetAsync("/editor/mobilizations/new")).Headers.Location!.AbsolutePath.ShouldBe("/login");
        (await app.Anonymous().GetAsync("/mobilizations/nope.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
