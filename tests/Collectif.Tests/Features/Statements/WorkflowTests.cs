using System.Net;
using Collectif.Features.Accounts;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Statements;

/// <summary>Scheduling (embargo) on the application's clock, archiving, and translations that go stale.</summary>
public class WorkflowTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static Dictionary<string, string> Form(string title, string body, int baseRevision = 0, string? slug = null, string language = "fr") =>
        CollectifApp.StatementForm(title, body, slug, baseRevision, language: language);

    private async Task<(HttpClient Editor, string Slug)> DraftAsync(string language = "en")
    {
        var editor = await app.SignedInAsync(language, Roles.Editor);
        var slug = "texte-" + Guid.NewGuid().ToString("N")[..8];
        (await editor.PostFormAsync("/editor/statements/new", Form("Sous embargo", "Texte.", slug: slug))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (editor, slug);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient editor, string slug, string handler, Dictionary<string, string>? fields = null) =>
        editor.PostFormAsync($"/editor/statements/{slug}/edit?handler={handler}", fields ?? [], $"/editor/statements/{slug}/edit");

    /// <summary>The coalition's time zone is Europe/Paris: 2026-03-02 (the fake clock's day) is UTC+1.</summary>
    private string ParisTime(TimeSpan fromNow) =>
        (app.Clock.GetUtcNow().UtcDateTime + fromNow + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_scheduled_statement_stays_hidden_until_its_time_then_the_scheduler_publishes_it()
    {
        var (editor, slug) = await DraftAsync();
        var publisher = app.Services.GetRequiredService<ScheduledPublisher>();

        (await PostAsync(editor, slug, "Schedule", new() { ["PublishAt"] = ParisTime(TimeSpan.FromHours(2)) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var scheduledFor = app.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        scheduledFor = new DateTime(scheduledFor.Year, scheduledFor.Month, scheduledFor.Day, scheduledFor.Hour, scheduledFor.Minute, 0, DateTimeKind.Utc);
        (await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug))).ScheduledAt.ShouldBe(scheduledFor);

        var pass = publisher.NextPassAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await pass;
        (await app.Anonymous().GetAsync($"/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync($"/statements/{slug}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        pass = publisher.NextPassAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await pass;
        (await app.Anonymous().GetAsync($"/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var statement = await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug));
        statement.Status.ShouldBe(StatementStatus.Published);
        statement.PublishedAt.ShouldBe(scheduledFor); // the embargo time, not when the scheduler noticed
    }

    [Fact]
    public async Task Instances_passing_at_the_same_moment_publish_record_and_announce_each_scheduled_statement_once()
    {
        // Several instances run the publisher; their passes can meet. Here twenty due statements
        // meet four passes started together, each in its own scope (its own connection), as instances would.
        var slugs = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (editor, slug) = await DraftAsync();
            (await PostAsync(editor, slug, "Schedule", new() { ["PublishAt"] = ParisTime(TimeSpan.FromMinutes(30)) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            slugs.Add(slug);
        }

        await app.WithDbAsync(db => db.Statements.Where(s => slugs.Contains(s.Slug)).ExecuteUpdateAsync(set => set.SetProperty(s => s.ScheduledAt, s => s.ScheduledAt!.Value.AddHours(-1))));
        using var start = new ManualResetEventSlim();
        var passes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var workflow = scope.ServiceProvider.GetRequiredService<StatementWorkflow>();
            start.Wait();
            return await workflow.PublishDueAsync(CancellationToken.None);
        })).ToList();
        start.Set();
        var published = await Task.WhenAll(passes);

        published.Sum().ShouldBe(20, "each statement counted by the one pass that published it");
        var records = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == Collectif.Features.Audit.AuditActions.StatementPublished).Select(e => e.Subject!).ToListAsync());
        foreach (var slug in slugs)
        {
            records.Count(r => r == $"statement:{slug}").ShouldBe(1, slug);
        }

        (await app.WithDbAsync(db => db.Statements.CountAsync(s => slugs.Contains(s.Slug) && s.Status == StatementStatus.Published))).ShouldBe(20);
    }

    [Theory]
    [InlineData("", "Enter a date and a time.")]
    [InlineData("2020-01-01T10:00", "Choose a time in the future.")]
    [InlineData("2026-03-29T02:30", "This time does not exist in the coalition’s time zone (the clocks go forward); choose another.")]
    [InlineData("demain", "Enter a date and a time.")]
    public async Task Bad_publication_times_are_explained(string value, string message)
    {
        var (editor, slug) = await DraftAsync();

        var response = await PostAsync(editor, slug, "Schedule", new() { ["PublishAt"] = value });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
        (await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug))).Status.ShouldBe(StatementStatus.Draft);
    }

    [Fact]
    public async Task An_archived_statement_stays_readable_but_leaves_the_feed_and_moves_that_are_not_allowed_are_refused()
    {
        var (editor, slug) = await DraftAsync();
        (await PostAsync(editor, slug, "Archive")).StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a draft cannot be archived
        await PostAsync(editor, slug, "Publish");
        (await app.Anonymous().GetStringAsync("/feeds/statements.atom")).ShouldContain($"/statements/{slug}");

        (await PostAsync(editor, slug, "Archive")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await app.Anonymous("fr").GetDocumentAsync($"/statements/{slug}");
        page.Text(".notice").ShouldBe("Texte archivé, conservé pour mémoire.");
        (await app.Anonymous().GetStringAsync("/feeds/statements.atom")).ShouldNotContain($"/statements/{slug}");
        (await app.Anonymous().GetDocumentAsync("/statements")).QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")).ShouldContain($"/statements/{slug}");
    }

    [Fact]
    public async Task A_translation_links_both_ways_and_is_flagged_stale_with_the_diff_when_the_original_changes()
    {
        var (editor, slug) = await DraftAsync();
        await PostAsync(editor, slug, "Publish");

        var started = await PostAsync(editor, slug, "Translate", new() { ["TranslationLanguage"] = "en" });
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var english = started.Headers.Location!.OriginalString.Split('/')[3];
        english.ShouldBe($"{slug}-en");
        (await editor.PostFormAsync($"/editor/statements/{english}/edit", Form("Under embargo", "Text.", baseRevision: 1, slug: english, language: "en"), $"/editor/statements/{english}/edit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await PostAsync(editor, english, "Publish");
        (await app.Anonymous().GetDocumentAsync($"/statements/{english}")).QuerySelector(".translations .notice").ShouldBeNull();

        await editor.PostFormAsync($"/editor/statements/{slug}/edit", Form("Sous embargo", "Texte modifié.", baseRevision: 1, slug: slug), $"/editor/statements/{slug}/edit");

        (await app.Anonymous().GetDocumentAsync($"/statements/{english}")).Text(".translations .notice").ShouldContain("original text has changed");
        var editPage = await editor.GetDocumentAsync($"/editor/statements/{english}/edit");
        editPage.QuerySelectorAll(".diff ins").Select(i => i.TextContent.Trim()).ShouldContain("modifié", customMessage: editPage.Text(".diff"));
        (await editor.GetDocumentAsync($"/editor/statements/{slug}/edit")).Text(".stale").ShouldContain("out of date");

        (await PostAsync(editor, english, "TranslationUpToDate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.Anonymous().GetDocumentAsync($"/statements/{english}")).QuerySelector(".translations .notice").ShouldBeNull();

        // One version per language: a second English one is refused.
        (await PostAsync(editor, slug, "Translate", new() { ["TranslationLanguage"] = "en" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
