using System.Net;

namespace Collectif.Tests.Features.Accounts;

public sealed class StrictSignInApp : CollectifApp
{
    protected override int SignInAttemptsPerMinute => 3;
}

public class SignInLimitTests(StrictSignInApp app) : IClassFixture<StrictSignInApp>
{
    [Fact]
    public async Task Password_guessing_is_slowed_down_after_a_few_attempts()
    {
        var client = app.Anonymous("en");
        for (var i = 0; i < 3; i++)
        {
            (await client.PostFormAsync("/login", new() { ["Email"] = CollectifApp.AdminEmail, ["Password"] = $"guess {i}" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var limited = await client.PostFormAsync("/login", new() { ["Email"] = CollectifApp.AdminEmail, ["Password"] = CollectifApp.AdminPassword });

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await limited.ReadDocumentAsync()).Text("h1").ShouldBe("Too many attempts");
    }
}
