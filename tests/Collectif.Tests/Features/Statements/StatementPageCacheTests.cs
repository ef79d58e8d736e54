using System.Net;
using Collectif.Features.Statements;
using Collectif.Tests.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Statements;

/// <summary>
/// The statement page is kept in memory for visitors who are not signed in; each copy served carries
/// the visitor's own antiforgery token and puzzle, and the page follows every change.
/// </summary>
public sealed class StatementPageCacheTests : IAsyncLifetime
{
    private readonly CollectifApp _app = new();
    private HttpClient _editor = null!;
    private string _slug = "";
    private int _id;

    public async ValueTask InitializeAsync() => (_editor, _slug, _id) = await _app.PublishedStatementAsync("Petition", "Premier titre");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task RetitleBehindTheAppsBackAsync(string title) =>
        _app.ExecuteOutsideTheAppAsync($"UPDATE \"Statements\" SET \"Title\" = '{title}' WHERE \"Id\" = {_id}");

    private static string Token(AngleSharp.Dom.IDocument page) => page.QuerySelector("form.sign-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task Copies_are_served_until_the_application_changes_something_public_or_the_copy_is_five_seconds_old()
    {
        var visitor = _app.Anonymous("fr");
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Premier titre");
        await RetitleBehindTheAppsBackAsync("Deuxième titre");
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Premier titre"); // a copy

        _app.Clock.Advance(StatementPageCache.MaxAge);
        await _app.Services.GetRequiredService<Collectif.Features.Petitions.PetitionStats>().RefreshedAsync(_id); // figures as old as the clock says: made anew
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Deuxième titre");

        await RetitleBehindTheAppsBackAsync("Troisième titre");
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Deuxième titre"); // a copy again
        await _app.WithDbAsync(async db =>
        {
            db.StatementTags.Add(new StatementTag { StatementId = _id, Name = "Santé", Slug = "sante" });
            await db.SaveChangesAsync();
        });
        var page = await _app.Anonymous("fr").GetDocumentAsync($"/statements/{_slug}");
        page.Text("h1").ShouldBe("Troisième titre");
        page.Body!.TextContent.ShouldContain("Santé");
    }

    [Fact]
    public async Task Every_visitor_gets_a_token_of_their_own_that_signs()
    {
        var first = _app.Anonymous("fr");
        var second = _app.Anonymous("fr");
        var firstPage = await first.GetDocumentAsync($"/statements/{_slug}");
        var secondAnswer = await second.GetAsync($"/statements/{_slug}");
        secondAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        secondAnswer.Headers.GetValues("Set-Cookie").ShouldContain(c => c.Contains("collectif.af=", StringComparison.Ordinal)); // the copy comes with the visitor's own cookie
        secondAnswer.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var secondPage = await secondAnswer.ReadDocumentAsync();

        Token(secondPage).ShouldNotBe(Token(firstPage));
        async Task Sign(HttpClient client, AngleSharp.Dom.IDocument page, string email) =>
            (await client.PostAsync($"/petitions/{_slug}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.FirstName"] = "Awa",
                ["Input.LastName"] = "Diallo",
                ["Input.Email"] = email,
                ["__RequestVerificationToken"] = Token(page),
            }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Sign(second, secondPage, "second@example.org");
        await Sign(first, firstPage, "first@example.org");

        // Another visitor's token from a copy is still refused.
        (await second.PostAsync($"/petitions/{_slug}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Awa",
            ["Input.LastName"] = "Diallo",
            ["Input.Email"] = "third@example.org",
            ["__RequestVerificationToken"] = Token(firstPage),
        }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_copy_has_a_puzzle_of_its_own_that_works()
    {
        (await _editor.PostFormAsync($"/editor/statements/{_slug}/petition?handler=Settings", new()
        {
            ["PostcodeRule"] = "Optional",
            ["CountryRule"] = "Optional",
            ["RetentionMonths"] = "6",
            ["ProofOfWork"] = "true",
        }, $"/editor/statements/{_slug}/petition")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var first = await _app.Anonymous().GetDocumentAsync($"/statements/{_slug}");
        var signer = _app.Anonymous();
        var page = await signer.GetDocumentAsync($"/statements/{_slug}");
        var form = page.QuerySelector("form.sign-form")!;
        var challenge = form.GetAttribute("data-proof-of-work")!;
        challenge.ShouldNotBe(first.QuerySelector("form.sign-form")!.GetAttribute("data-proof-of-work"));

        var solution = ProofOfWorkTests.Solve(challenge, int.Parse(form.GetAttribute("data-bits")!, System.Globalization.CultureInfo.InvariantCulture));
        (await signer.PostAsync($"/petitions/{_slug}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Ada",
            ["Input.LastName"] = "Lovelace",
            ["Input.Email"] = "ada@example.org",
            ["Input.Work"] = solution,
            ["__RequestVerificationToken"] = Token(page),
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_copy_answers_with_the_same_headers_as_a_render()
    {
        var rendered = await _app.Anonymous("fr").GetAsync($"/statements/{_slug}");
        var copied = await _app.Anonymous("fr").GetAsync($"/statements/{_slug}");

        static string Headers(HttpResponseMessage response) => string.Join('\n', response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Set-Cookie"))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + ": " + string.Join(", ", h.Value)));
        Headers(copied).ShouldBe(Headers(rendered));
        copied.StatusCode.ShouldBe(rendered.StatusCode);
    }

    [Fact]
    public async Task The_counter_follows_confirmed_signatures()
    {
        var visitor = _app.Anonymous("en");
        var email = $"awa-{Guid.NewGuid():N}@example.org";
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text(".petition .count").ShouldBe("0");
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text(".petition .count").ShouldBe("0"); // a copy

        (await visitor.PostFormAsync($"/petitions/{_slug}/sign", new()
        {
            ["Input.FirstName"] = "Awa",
            ["Input.LastName"] = "Diallo",
            ["Input.Email"] = email,
        }, $"/petitions/{_slug}/sign")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await visitor.PostFormAsync(await HttpExtensions.PetitionConfirmationPathAsync(email), [])).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The figures refresh every few seconds; the page follows as soon as they have.
        _app.Clock.Advance(Collectif.Features.Petitions.PetitionStats.FreshFor);
        await _app.Services.GetRequiredService<Collectif.Features.Petitions.PetitionStats>().RefreshedAsync(_id);
        (await visitor.GetDocumentAsync($"/statements/{_slug}")).Text(".petition .count").ShouldBe("1");
    }

    [Fact]
    public async Task A_signed_in_reader_always_gets_a_render()
    {
        (await _app.Anonymous().GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Premier titre");
        await RetitleBehindTheAppsBackAsync("Deuxième titre");

        (await (await _app.AdministratorAsync()).GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Deuxième titre");
        (await _app.Anonymous().GetDocumentAsync($"/statements/{_slug}")).Text("h1").ShouldBe("Premier titre");
    }
}
