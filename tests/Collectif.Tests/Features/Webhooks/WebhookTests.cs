using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Collectif.Features.Accounts;
using Collectif.Features.Api;
using Collectif.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Webhooks;

/// <summary>An instance whose webhooks may call loopback, where the tests' receiver listens.</summary>
public sealed class WebhookApp : CollectifApp
{
    public WebhookApp() => Settings["Webhooks:AllowPrivateNetworks"] = "true";
}

/// <summary>Webhooks against a real receiver on loopback: signed, retried with backoff, logged, redelivered; personal data only with consent.</summary>
public class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    /// <summary>Creates a webhook through the administration page, as the secretariat would; returns its id and the secret shown once.</summary>
    private static async Task<(int Id, string Secret)> CreateAsync(HttpClient admin, string url, string[] events, int? organizationId = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Url", url), new("Description", "test"), new("OrganizationId", organizationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "") };
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        var form = await admin.GetDocumentAsync("/admin/webhooks");
        fields.Add(new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        var created = await admin.PostAsync("/admin/webhooks", new FormUrlEncodedContent(fields));
        var page = await created.ReadDocumentAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.OK, page.QuerySelector(".error")?.TextContent);
        var secret = page.QuerySelector("#new-secret")!.GetAttribute("value")!;
        var id = int.Parse(page.QuerySelector(".notice a")!.GetAttribute("href")!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        (await admin.GetStringAsync($"/admin/webhooks/{id}")).ShouldNotContain(secret);
        return (id, secret);
    }

    /// <summary>The worker writes the outcome right after the receiver answers: wait for that write in the database (bounded), not a sleep.</summary>
    private async Task<WebhookDelivery> RecordedAsync(int webhookId, WebhookReceiver.Received received, Func<WebhookDelivery, bool> done)
    {
        var eventId = received.Headers["Collectif-Event-Id"];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var row = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).FirstAsync(d => d.WebhookId == webhookId && d.EventId == eventId));
            if (done(row))
            {
                return row;
            }

            await Task.Yield();
        }

        throw new TimeoutException($"delivery of event {eventId} never reached the expected state");
    }

    private static JsonElement Data(WebhookReceiver.Received received) => JsonDocument.Parse(received.Body).RootElement.GetProperty("data");

    private static bool Is(WebhookReceiver.Received received, string name, string slug) =>
        received.Headers["Collectif-Event"] == name && received.Body.Contains(slug, StringComparison.Ordinal);

    [Fact]
    public async Task A_published_statement_reaches_the_receiver_signed_and_the_signature_refuses_tampering_and_replays()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (id, secret) = await CreateAsync(admin, receiver.Url("/published"), ["StatementPublished"]);

        var (_, slug, _) = await app.PublishedStatementAsync("Communique");
        var received = await receiver.NextAsync(r => Is(r, "statement.published", slug));
        WebhookSignature.Verify(secret, received.Headers[WebhookSignature.Header], received.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Valid);
        received.Headers["Content-Type"].ShouldStartWith("application/json");
        var data = Data(received);
        data.GetProperty("statement").GetProperty("slug").GetString().ShouldBe(slug);
        data.GetProperty("statement").GetProperty("url").GetString()!.ShouldEndWith($"/statements/{slug}");

        // What a receiver must refuse: another secret, a changed body, a request replayed ten minutes later.
        WebhookSignature.Verify("whsec_other", received.Headers[WebhookSignature.Header], received.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.WrongSignature);
        WebhookSignature.Verify(secret, received.Headers[WebhookSignature.Header], received.Body.Replace(slug, "autre", StringComparison.Ordinal), app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.WrongSignature);
        WebhookSignature.Verify(secret, received.Headers[WebhookSignature.Header], received.Body, app.Clock.GetUtcNow().AddMinutes(10)).ShouldBe(WebhookSignature.Result.TooOld);
        WebhookSignature.Verify(secret, "v1=abc", received.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Malformed);

        await RecordedAsync(id, received, d => d.DeliveredAt is not null);
        var log = await admin.GetDocumentAsync($"/admin/webhooks/{id}");
        log.QuerySelectorAll("tbody tr .delivery-state").Select(c => c.TextContent).ShouldContain(t => t.StartsWith("Delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_secret_is_shown_once_and_both_secrets_sign_for_a_day_so_the_receiver_can_switch()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (id, oldSecret) = await CreateAsync(admin, receiver.Url("/rotation"), ["StatementPublished"]);

        var rotated = await admin.PostFormAsync($"/admin/webhooks/{id}?handler=Rotate", [], $"/admin/webhooks/{id}");
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newSecret = (await rotated.ReadDocumentAsync()).QuerySelector("#new-secret")!.GetAttribute("value")!;
        newSecret.ShouldStartWith("whsec_");
        newSecret.ShouldNotBe(oldSecret);
        (await admin.GetStringAsync($"/admin/webhooks/{id}")).ShouldNotContain(newSecret);

        // During the overlap a receiver that still knows the old secret, and one that knows the new, both accept.
        var (_, first, _) = await app.PublishedStatementAsync("Communique");
        var during = await receiver.NextAsync(r => Is(r, "statement.published", first));
        WebhookSignature.Verify(oldSecret, during.Headers[WebhookSignature.Header], during.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Valid);
        WebhookSignature.Verify(newSecret, during.Headers[WebhookSignature.Header], during.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Valid);

        // A day later only the new one signs.
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        var (_, second, _) = await app.PublishedStatementAsync("Communique");
        var after = await receiver.NextAsync(r => Is(r, "statement.published", second));
        WebhookSignature.Verify(newSecret, after.Headers[WebhookSignature.Header], after.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Valid);
        WebhookSignature.Verify(oldSecret, after.Headers[WebhookSignature.Header], after.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.WrongSignature);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "webhook.changed" && a.Details == "new signing secret"))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_same_event_again_after_the_backoff_and_a_person_can_send_it_once_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (id, _) = await CreateAsync(admin, receiver.Url("/flaky"), ["StatementPublished"]);
        receiver.FailNext(1);

        var (_, slug, _) = await app.PublishedStatementAsync("Communique");
        var first = await receiver.NextAsync(r => Is(r, "statement.published", slug));
        var delivery = await RecordedAsync(id, first, d => d.Attempts == 1);
        delivery.LastStatusCode.ShouldBe(500);
        delivery.DeliveredAt.ShouldBeNull();
        delivery.NextAttemptAt.ShouldBe(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        app.Services.GetRequiredService<WebhookSignal>().Notify();
        var second = await receiver.NextAsync(r => Is(r, "statement.published", slug));
        second.Headers["Collectif-Event-Id"].ShouldBe(first.Headers["Collectif-Event-Id"]);
        second.Body.ShouldBe(first.Body);

        var page = await admin.GetDocumentAsync($"/admin/webhooks/{id}");
        var redeliver = page.QuerySelector($"#delivery-{delivery.Id} form")!;
        (await admin.PostFormAsync(redeliver.GetAttribute("action")!, [], $"/admin/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var third = await receiver.NextAsync(r => Is(r, "statement.published", slug));
        third.Headers["Collectif-Event-Id"].ShouldBe(first.Headers["Collectif-Event-Id"]);
    }

    [Fact]
    public async Task Signer_details_go_only_to_the_webhook_of_whoever_the_signer_agreed_to_hear_from()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (organization, _) = await app.OrganizationWithDelegateAsync();
        await CreateAsync(admin, receiver.Url("/coalition"), ["SignatureConfirmed"]);
        await CreateAsync(admin, receiver.Url("/organization"), ["SignatureConfirmed"], organization.Id);
        var (_, slug, _) = await app.PublishedStatementAsync();

        var email = $"signer-{Guid.NewGuid():N}@example.org";
        var signer = app.Anonymous("fr");
        signer.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, "198.18.210." + Random.Shared.Next(1, 250));
        (await signer.PostAsync($"/api/petitions/{slug}/signatures", new StringContent(JsonSerializer.Serialize(new { firstName = "Jeanne", lastName = "Martin", email, coalitionOptIn = true }), Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await HttpExtensions.PetitionConfirmationPathAsync(email);
        (await signer.PostFormAsync(link, [])).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);

        var toCoalition = await receiver.NextAsync(r => r.Path == "/coalition" && r.Body.Contains(slug, StringComparison.Ordinal));
        var toOrganization = await receiver.NextAsync(r => r.Path == "/organization" && r.Body.Contains(slug, StringComparison.Ordinal));
        Data(toCoalition).GetProperty("signature").GetProperty("signer").GetProperty("email").GetString().ShouldBe(email);
        Data(toOrganization).GetProperty("signature").GetProperty("signer").ValueKind.ShouldBe(JsonValueKind.Null);
        toOrganization.Body.ShouldNotContain(email);
        toOrganization.Body.ShouldNotContain("Martin");
        Data(toOrganization).GetProperty("signature").GetProperty("ledgerEntry").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Erasing_a_signer_blanks_them_in_the_stored_payloads_and_finished_deliveries_leave_the_log_after_the_retention()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (id, _) = await CreateAsync(admin, receiver.Url("/erasure"), ["SignatureConfirmed"]);
        var (_, slug, _) = await app.PublishedStatementAsync();

        var email = $"forget-{Guid.NewGuid():N}@example.org";
        var signer = app.Anonymous("fr");
        signer.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, "198.18.211." + Random.Shared.Next(1, 250));
        (await signer.PostAsync($"/api/petitions/{slug}/signatures", new StringContent(JsonSerializer.Serialize(new { firstName = "Oubli", lastName = "Demandé", email, postcode = "75011", coalitionOptIn = true }), Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await HttpExtensions.PetitionConfirmationPathAsync(email);
        (await signer.PostFormAsync(link, [])).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
        var received = await receiver.NextAsync(r => r.Path == "/erasure" && r.Body.Contains(slug, StringComparison.Ordinal));
        received.Body.ShouldContain(email);
        var delivered = await RecordedAsync(id, received, d => d.DeliveredAt is not null);
        delivered.Payload.ShouldContain(email);

        (await admin.PostFormAsync("/admin/petitions/data-requests?handler=Erase", new() { ["Email"] = email }, "/admin/petitions/data-requests")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == delivered.Id));
        stored.Payload.ShouldNotContain(email);
        stored.Payload.ShouldNotContain("Oubli");
        stored.Payload.ShouldNotContain("75011");
        var data = JsonDocument.Parse(stored.Payload).RootElement.GetProperty("data");
        data.GetProperty("signature").GetProperty("signer").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("signature").GetProperty("id").GetInt64().ShouldBe(delivered.SignatureId!.Value);
        (await admin.GetStringAsync($"/admin/webhooks/{id}")).ShouldNotContain(email);

        // A month later the finished delivery is gone from the log; one still due stays.
        var pending = await app.WithDbAsync(async db =>
        {
            var row = WebhookAnnouncer.Delivery(id, "ping", Guid.NewGuid().ToString("N"), app.Clock.GetUtcNow().UtcDateTime, new { waiting = true });
            row.NextAttemptAt = app.Clock.GetUtcNow().UtcDateTime.AddYears(1);
            db.WebhookDeliveries.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        app.Clock.Advance(TimeSpan.FromDays(31));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The worker may prune first (it wakes on its own); either way the log must end like this.
            await scope.ServiceProvider.GetRequiredService<WebhookSender>().PruneAsync(CancellationToken.None);
        }

        var left = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id).Select(d => d.Id).ToListAsync());
        left.ShouldBe([pending]);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "must start with https://")]
    [InlineData("ftp://example.org/hook", "must start with https://")]
    [InlineData("https://user:secret@example.org/hook", "no user name or password")]
    [InlineData("hook", "full address")]
    public async Task Bad_addresses_are_refused_with_a_message_and_nothing_is_stored(string url, string expected)
    {
        var admin = await app.AdministratorAsync();
        var before = await app.WithDbAsync(db => db.Webhooks.CountAsync());
        var refused = await admin.PostFormAsync("/admin/webhooks", new() { ["Url"] = url, ["Events"] = "StatementPublished" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadDocumentAsync()).Text(".error").ShouldContain(expected);
        (await app.WithDbAsync(db => db.Webhooks.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Without_permission_webhooks_may_not_call_loopback_or_private_addresses()
    {
        await using var strict = new CollectifApp();
        var admin = await strict.AdministratorAsync();
        foreach (var url in new[] { "http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://[::1]/hook", "http://localhost/hook" })
        {
            var refused = await admin.PostFormAsync("/admin/webhooks", new() { ["Url"] = url, ["Events"] = "StatementPublished" });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        }

        // A name that resolves to loopback is refused when connecting, whatever it resolved to when saved.
        await using var scope = strict.Services.CreateAsyncScope();
        using var client = new HttpClient(WebhookAddresses.Handler(allowPrivate: false));
        var failure = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://localhost:9/")));
        failure.Message.ShouldContain("private or loopback");
    }

    /// <summary>What issue #10 promises a coalition's developer: with only the documented API, list statements, sign a petition, receive the webhook.</summary>
    [Fact]
    public async Task A_script_using_only_the_api_lists_statements_signs_a_petition_and_receives_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.AdministratorAsync();
        var (_, secret) = await CreateAsync(admin, receiver.Url("/crm"), ["SignatureConfirmed", "OrganizationSigned"]);
        var (_, slug, _) = await app.PublishedStatementAsync();

        var script = app.Anonymous("en");
        script.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, "198.18.220." + Random.Shared.Next(1, 250));
        var list = JsonDocument.Parse(await script.GetStringAsync("/api/statements?kind=Petition&pageSize=500")).RootElement;
        var petition = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug);
        var document = JsonDocument.Parse(await script.GetStringAsync(petition.GetProperty("url").GetString()!.Replace("/statements/", "/api/statements/", StringComparison.Ordinal))).RootElement;
        var signUrl = document.GetProperty("petition").GetProperty("sign").GetString()!;
        var email = $"script-{Guid.NewGuid():N}@example.org";
        (await script.PostAsync(signUrl, new StringContent(JsonSerializer.Serialize(new { firstName = "Ali", lastName = "Ben", email, coalitionOptIn = true }), Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await HttpExtensions.PetitionConfirmationPathAsync(email);
        (await app.Anonymous().PostFormAsync(link, [])).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);

        var hook = await receiver.NextAsync(r => Is(r, "signature.confirmed", slug));
        WebhookSignature.Verify(secret, hook.Headers[WebhookSignature.Header], hook.Body, app.Clock.GetUtcNow()).ShouldBe(WebhookSignature.Result.Valid);
        Data(hook).GetProperty("signature").GetProperty("signer").GetProperty("email").GetString().ShouldBe(email);
        var count = JsonDocument.Parse(await script.GetStringAsync($"/api/petitions/{slug}/count")).RootElement;
        count.GetProperty("count").GetInt32().ShouldBeGreaterThanOrEqualTo(0); // cached for seconds: the webhook is the live signal

        // And a delegate's program signing a statement announces organization.signed.
        var (organization, _) = await app.OrganizationWithDelegateAsync();
        var editor = await app.SignedInAsync("en", Roles.Editor);
        var draft = "appel-" + Guid.NewGuid().ToString("N")[..8];
        (await editor.PostFormAsync("/editor/statements/new", CollectifApp.StatementForm("Appel commun", "Nous signons ensemble.", draft))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>();
            var statement = await db.Statements.SingleAsync(s => s.Slug == draft);
            (await scope.ServiceProvider.GetRequiredService<Collectif.Features.SignOn.SignOnService>().OpenAsync(statement, new([organization.Id], []), app.Clock.GetUtcNow().UtcDateTime.AddDays(2), Collectif.Features.SignOn.ConsentRule.Explicit, "test", CancellationToken.None)).Done.ShouldBeTrue();
            var account = await db.Delegations.Where(d => d.OrganizationId == organization.Id).Select(d => d.AccountId).SingleAsync();
            var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(account, "script", ApiScopes.SignOn, 30, CancellationToken.None);
            script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        (await script.PostAsync($"/api/statements/{draft}/sign-on", new StringContent(JsonSerializer.Serialize(new { organization = organization.Slug, answer = "Sign" }), Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signed = await receiver.NextAsync(r => Is(r, "organization.signed", draft));
        Data(signed).GetProperty("organization").GetProperty("slug").GetString().ShouldBe(organization.Slug);
        Data(signed).GetProperty("kind").GetString().ShouldBe("SignedOn");
    }
}
