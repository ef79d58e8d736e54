using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Web;

/// <summary>
/// Feeds, calendars, PDFs, the statements list and search are served from memory to visitors who are
/// not signed in; a write through the application empties that memory when it commits.
/// </summary>
public sealed class PublicCacheTests : IAsyncLifetime
{
    private readonly CollectifApp _app = new();
    private string _slug = "";
    private int _id;

    public async ValueTask InitializeAsync() => (_, _slug, _id) = await _app.PublishedStatementAsync("Petition", "Premier titre de la pétition");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task RetitleBehindTheAppsBackAsync(string title) => RetitleBehindTheAppsBackAsync(_app, _id, title);

    private static Task RetitleBehindTheAppsBackAsync(CollectifApp app, int id, string title) =>
        app.ExecuteOutsideTheAppAsync($"UPDATE \"Statements\" SET \"Title\" = '{title}' WHERE \"Id\" = {id}");

    [Theory]
    [InlineData("/feeds/statements.atom")]
    [InlineData("/statements")]
    [InlineData("/search?q=petition")]
    public async Task A_public_answer_is_served_again_from_memory_until_the_application_writes_public_content(string path)
    {
        var visitor = _app.Anonymous("fr");
        (await visitor.GetStringAsync(path)).ShouldContain("Premier titre de la"); // search marks the word it found

        await RetitleBehindTheAppsBackAsync("Deuxieme titre");
        (await visitor.GetStringAsync(path)).ShouldContain("Premier titre de la"); // served from memory // served from memory

        // A write through the application, here to the statement's tags, empties the cache when it commits.
        await _app.WithDbAsync(async db =>
        {
            db.StatementTags.Add(new Collectif.Features.Statements.StatementTag { StatementId = _id, Name = "Santé", Slug = "sante" });
            await db.SaveChangesAsync();
        });
        (await visitor.GetStringAsync(path)).ShouldContain("Deuxieme titre");
    }

    [Fact]
    public async Task A_signed_in_visitor_is_never_served_from_memory()
    {
        (await _app.Anonymous().GetStringAsync("/statements")).ShouldContain("Premier titre de la pétition");
        await RetitleBehindTheAppsBackAsync("Deuxieme titre");

        var administrator = await _app.AdministratorAsync();
        (await administrator.GetStringAsync("/statements")).ShouldContain("Deuxieme titre");
        (await _app.Anonymous().GetStringAsync("/statements")).ShouldContain("Premier titre de la pétition");
    }

    [Fact]
    public async Task Each_language_and_query_has_its_own_copy()
    {
        (await _app.Anonymous("fr").GetDocumentAsync("/statements")).Text("h1").ShouldBe("Textes");
        (await _app.Anonymous("en").GetDocumentAsync("/statements")).Text("h1").ShouldBe("Statements");

        (await _app.Anonymous().GetStringAsync("/search?q=premier")).ShouldContain(_slug);
        (await _app.Anonymous().GetStringAsync("/search?q=inexistant")).ShouldNotContain(_slug);
    }

    [Fact]
    public async Task Signatures_pouring_in_leave_the_cached_lists_alone()
    {
        var visitor = _app.Anonymous("fr");
        (await visitor.GetStringAsync("/feeds/statements.atom")).ShouldContain("Premier titre de la pétition");
        await RetitleBehindTheAppsBackAsync("Deuxieme titre");

        var signer = _app.Anonymous("fr");
        (await signer.PostFormAsync($"/petitions/{_slug}/sign", new()
        {
            ["Input.FirstName"] = "Awa",
            ["Input.LastName"] = "Diallo",
            ["Input.Email"] = "awa.diallo@example.org",
        }, $"/petitions/{_slug}/sign")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == _id))).ShouldBe(1);

        (await visitor.GetStringAsync("/feeds/statements.atom")).ShouldContain("Premier titre de la pétition");
    }

    [Fact]
    public async Task Turned_off_every_answer_is_made_anew()
    {
        await using var app = new CollectifApp { Settings = { ["Collectif:PublicCacheSeconds"] = "0" } };
        var (_, _, id) = await app.PublishedStatementAsync("Communique", "Un communiqué");
        (await app.Anonymous().GetStringAsync("/statements")).ShouldContain("Un communiqué");
        await RetitleBehindTheAppsBackAsync(app, id, "Autre titre");
        (await app.Anonymous().GetStringAsync("/statements")).ShouldContain("Autre titre");
    }
}
