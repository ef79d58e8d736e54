using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Collectif.Features.Accounts;
using Collectif.Features.Api;
using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Api;

/// <summary>Personal API tokens: created once on the account page, hashed, revocable; scopes × roles; writing through the API; bad bodies.</summary>
public class ApiTokenTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private Task<string> TokenAsync(ApiScopes scopes, string[] roles, int? delegateOf = null) => app.ApiTokenAsync(scopes, roles, delegateOf);

    private HttpClient Client(string? token, string language = "en")
    {
        var client = app.Anonymous(language);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status) => response.ReadProblemAsync(status);

    [Fact]
    public async Task A_token_is_shown_once_stored_hashed_says_who_it_acts_as_and_stops_working_when_revoked()
    {
        var (email, password) = await app.CreateAccountAsync(Roles.Editor);
        var browser = app.Anonymous("fr");
        await CollectifApp.SignInAsync(browser, email, password);

        var created = await browser.PostFormAsync("/account/tokens", new() { ["Name"] = "CRM du syndicat", ["Scopes"] = "Read", ["ExpiryDays"] = "30" });
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await created.ReadDocumentAsync();
        var token = page.QuerySelector("#new-token")!.GetAttribute("value")!;
        token.ShouldStartWith("clf_");
        token.Length.ShouldBeGreaterThan(40);
        (await browser.GetStringAsync("/account/tokens")).ShouldNotContain(token);
        var stored = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Account!.Email == email));
        stored.Hash.ShouldBe(ApiTokenAuthentication.HashOf(token));
        stored.Hint.Length.ShouldBeLessThan(token.Length / 2);
        stored.ExpiresAt.ShouldBe(app.Clock.GetUtcNow().UtcDateTime.AddDays(30));

        var me = await Client(token).GetAsync("/api/me");
        var text = await me.Content.ReadAsStringAsync();
        me.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var owner = JsonDocument.Parse(text).RootElement;
        owner.GetProperty("email").GetString().ShouldBe(email);
        owner.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([Roles.Editor]);
        owner.GetProperty("scopes").EnumerateArray().Select(r => r.GetString()).ShouldBe(["read"]);
        me.Headers.CacheControl!.Private.ShouldBeTrue();
        (await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == stored.Id))).LastUsedAt.ShouldNotBeNull();

        // A scope the account cannot use is not offered and is refused if posted anyway.
        (await browser.PostFormAsync("/account/tokens", new() { ["Name"] = "x", ["Scopes"] = "Press", ["ExpiryDays"] = "30" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.PostFormAsync("/account/tokens", new() { ["Name"] = "", ["Scopes"] = "Read", ["ExpiryDays"] = "30" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await browser.PostFormAsync($"/account/tokens?handler=Revoke&id={stored.Id}", [], "/account/tokens")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = await ProblemAsync(await Client(token).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        refused.GetProperty("detail").GetString()!.ShouldContain("revoked");
        (await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorEmail == email).Select(a => a.Action).ToListAsync())).ShouldBe([Collectif.Features.Audit.AuditActions.ApiTokenCreated, Collectif.Features.Audit.AuditActions.ApiTokenRevoked], ignoreOrder: true);
    }

    [Fact]
    public async Task Missing_malformed_unknown_and_expired_tokens_get_a_401_that_says_why()
    {
        (await ProblemAsync(await Client(null).GetAsync("/api/me"), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("Authorization: Bearer");
        (await ProblemAsync(await Client("not-a-token").GetAsync("/api/me"), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("start with clf_");
        (await ProblemAsync(await Client("clf_" + new string('A', 43)).GetAsync("/api/me"), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("unknown");

        var token = await TokenAsync(ApiScopes.Read, []);
        (await Client(token).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Hash == ApiTokenAuthentication.HashOf(token)).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        (await ProblemAsync(await Client(token).GetAsync("/api/me"), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("expired");
    }

    public static TheoryData<string, string, string, string> Matrix => new()
    {
        // endpoint, scope it needs, a role that may, a role that may not
        { "GET /api/me", nameof(ApiScopes.Read), "", "" },
        { "GET /api/petitions/{petition}/signatures", nameof(ApiScopes.Petitions), Roles.Editor, Roles.PressOfficer },
        { "GET /api/press/contacts", nameof(ApiScopes.Press), Roles.PressOfficer, Roles.Editor },
        { "GET /api/press/contacts/999999", nameof(ApiScopes.Press), Roles.PressOfficer, Roles.Editor },
        { "GET /api/press/distributions/999999", nameof(ApiScopes.Press), Roles.PressOfficer, Roles.Observer },
        { "POST /api/statements/{signon}/sign-on", nameof(ApiScopes.SignOn), "delegate", "" },
    };

    /// <summary>Every token endpoint × (no token, wrong scope, right scope without the role, right scope and role).</summary>
    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_token_endpoint_needs_its_scope_and_the_role_the_site_needs(string endpoint, string scopeName, string allowedRole, string refusedRole)
    {
        var scope = Enum.Parse<ApiScopes>(scopeName);
        var (organization, _) = await app.OrganizationWithDelegateAsync();
        var (_, petition, _) = await app.PublishedStatementAsync();
        var signOn = await SignOnAsync(organization.Id);
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].Replace("{petition}", petition, StringComparison.Ordinal).Replace("{signon}", signOn, StringComparison.Ordinal));
        Task<HttpResponseMessage> Call(string? token) => method == "GET"
            ? Client(token).GetAsync(path)
            : Client(token).PostAsync(path, Json(new { organization = organization.Slug, answer = "Abstain" }));
        string[] Roles(string role) => role is "" or "delegate" ? [] : [role];
        int? Delegate(string role) => role == "delegate" ? organization.Id : null;
        var otherScope = scope == ApiScopes.Read ? ApiScopes.Press : ApiScopes.Read;

        (await Call(null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrongScope = await ProblemAsync(await Call(await TokenAsync(otherScope, Roles(allowedRole), Delegate(allowedRole))), HttpStatusCode.Forbidden);
        wrongScope.GetProperty("detail").GetString()!.ShouldContain($"'{ApiTokenAuthentication.ScopeName(scope)}' scope");
        if (scope != ApiScopes.Read)
        {
            (await Call(await TokenAsync(scope, Roles(refusedRole)))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var allowed = await Call(await TokenAsync(scope, Roles(allowedRole), Delegate(allowedRole)));
        allowed.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound], await allowed.Content.ReadAsStringAsync());
        if (!path.EndsWith("999999", StringComparison.Ordinal))
        {
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_press_officer_s_program_adds_updates_and_erases_media_contacts_with_the_rules_of_the_contact_page()
    {
        var listId = await app.WithDbAsync(async db =>
        {
            var list = db.PressLists.Add(new Collectif.Features.Press.PressList { Name = "Social " + Guid.NewGuid().ToString("N")[..6] }).Entity;
            await db.SaveChangesAsync();
            return list.Id;
        });
        var crm = Client(await TokenAsync(ApiScopes.Press, [Roles.PressOfficer]), "fr");
        var email = $"journaliste-{Guid.NewGuid():N}@redaction.example";

        var created = await crm.PostAsync("/api/press/contacts", Json(new { name = "Inès Roy", email, outlet = "Le Quotidien", languages = "fr,en", listIds = new[] { listId }, consentBasis = "Consent" }));
        var body = await created.Content.ReadAsStringAsync();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var contact = JsonDocument.Parse(body).RootElement;
        var id = contact.GetProperty("id").GetInt32();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/press/contacts/{id}");
        contact.GetProperty("outlet").GetString().ShouldBe("Le Quotidien");
        contact.GetProperty("listIds")[0].GetInt32().ShouldBe(listId);
        contact.GetProperty("consentBasis").GetString().ShouldBe("Consent");

        // The same address twice, a bad address, an unknown list, a too-long name: the page's messages, in French.
        var duplicate = await ProblemAsync(await crm.PostAsync("/api/press/contacts", Json(new { name = "Autre", email = email.ToUpperInvariant() })), HttpStatusCode.BadRequest);
        duplicate.GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("adresse");
        var invalid = await ProblemAsync(await crm.PostAsync("/api/press/contacts", Json(new { name = new string('x', 300), email = "pas-une-adresse", listIds = new[] { int.MaxValue }, languages = "de" })), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        foreach (var field in new[] { "name", "email", "listIds", "languages" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field} in {errors}");
        }

        (await app.WithDbAsync(db => db.PressContacts.CountAsync(c => c.Name == "Autre" || c.Email == "pas-une-adresse"))).ShouldBe(0);

        // PUT replaces: the list membership goes when the list is not given again.
        var updated = await crm.PutAsync($"/api/press/contacts/{id}", Json(new { name = "Inès Roy", email, role = "Cheffe du service social", languages = "fr" }));
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var read = JsonDocument.Parse(await crm.GetStringAsync($"/api/press/contacts/{id}")).RootElement;
        read.GetProperty("role").GetString().ShouldBe("Cheffe du service social");
        read.GetProperty("listIds").GetArrayLength().ShouldBe(0);
        (await crm.PutAsync("/api/press/contacts/999999", Json(new { name = "x", email = "x@example.org" }))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Erasure, as from the contact page; the audit log says who did what.
        (await crm.DeleteAsync($"/api/press/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await crm.GetAsync($"/api/press/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await crm.DeleteAsync($"/api/press/contacts/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("press.contact.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()))
            .ShouldContain("press.contact.erased");

        // An editor's press token may not write the press list.
        var editor = Client(await TokenAsync(ApiScopes.Press, [Roles.Editor]));
        (await editor.PostAsync("/api/press/contacts", Json(new { name = "x", email = "y@example.org" }))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_program_signs_a_petition_with_json_and_bad_bodies_get_a_clear_problem_with_nothing_stored()
    {
        var (_, slug, id) = await app.PublishedStatementAsync();
        var url = $"/api/petitions/{slug}/signatures";
        var client = Client(null, "fr");
        client.DefaultRequestHeaders.Add(CollectifApp.ClientAddressHeader, "198.18.200." + Random.Shared.Next(1, 250));

        var malformed = await ProblemAsync(await client.PostAsync(url, new StringContent("{\"email\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        malformed.GetProperty("detail").GetString()!.ShouldContain("not valid JSON");
        var form = await ProblemAsync(await client.PostAsync(url, new FormUrlEncodedContent([new("email", "a@example.org")])), HttpStatusCode.UnsupportedMediaType);
        form.GetProperty("detail").GetString()!.ShouldContain("application/json");
        await ProblemAsync(await client.PostAsync(url, Json(new { firstName = new string('x', 100_000) })), HttpStatusCode.RequestEntityTooLarge);
        var invalid = await ProblemAsync(await client.PostAsync(url, Json(new { firstName = "Jeanne", lastName = "Martin", email = "pas-une-adresse" })), HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("adresse"); // in the reader's language
        await ProblemAsync(await client.PostAsync($"/api/petitions/no-such-{slug}/signatures", Json(new { email = "a@example.org" })), HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(0);

        var email = $"api-{Guid.NewGuid():N}@example.org";
        var accepted = await client.PostAsync(url, Json(new { firstName = "Jeanne", lastName = "Martin", email, postcode = "75011", country = "FR", coalitionOptIn = true }));
        var text = await accepted.Content.ReadAsStringAsync();
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, text);
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetString().ShouldBe("confirmation-sent");
        (await SmtpSink.WaitForMessageAsync(email)).TextBody!.ShouldContain("/petitions/confirm/");
        var stored = await app.WithDbAsync(db => db.PetitionSignatures.SingleAsync(s => s.StatementId == id));
        stored.Status.ShouldBe(Collectif.Features.Petitions.SignatureStatus.Pending);
        stored.CoalitionOptInAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_delegate_program_signs_for_its_organization_and_gets_the_ledger_entry()
    {
        var (organization, _) = await app.OrganizationWithDelegateAsync();
        var slug = await SignOnAsync(organization.Id);
        var token = await TokenAsync(ApiScopes.SignOn, [], organization.Id);

        var incomplete = await ProblemAsync(await Client(token).PostAsync($"/api/statements/{slug}/sign-on", Json(new { organization = organization.Slug, answer = "Perhaps" })), HttpStatusCode.BadRequest);
        incomplete.GetProperty("detail").GetString()!.ShouldContain("answer");
        var signed = await Client(token).PostAsync($"/api/statements/{slug}/sign-on", Json(new { organization = organization.Slug, answer = "Sign", comment = "Adopté en bureau" }));
        var text = await signed.Content.ReadAsStringAsync();
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("ledgerEntry").GetInt32();
        entry.ShouldBeGreaterThan(0);
        (await app.WithDbAsync(db => db.StatementSignatories.SingleAsync(s => db.Statements.Any(t => t.Id == s.StatementId && t.Slug == slug)))).LedgerSequence.ShouldBe(entry);

        // Another organization's delegate may not answer for this one.
        var (other, _) = await app.OrganizationWithDelegateAsync();
        var outsider = await TokenAsync(ApiScopes.SignOn, [], other.Id);
        await ProblemAsync(await Client(outsider).PostAsync($"/api/statements/{slug}/sign-on", Json(new { organization = organization.Slug, answer = "Decline" })), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_read_token_shows_drafts_to_editors_only()
    {
        var slug = "draft-" + Guid.NewGuid().ToString("N")[..8];
        var editor = await app.SignedInAsync("en", Roles.Editor);
        (await editor.PostFormAsync("/editor/statements/new", CollectifApp.StatementForm("Brouillon", "Pas encore public.", slug))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await Client(null).GetAsync($"/api/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(await TokenAsync(ApiScopes.Read, [])).GetAsync($"/api/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(await TokenAsync(ApiScopes.Press, [Roles.Editor])).GetAsync($"/api/statements/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var draft = await Client(await TokenAsync(ApiScopes.Read, [Roles.Observer])).GetAsync($"/api/statements/{slug}");
        draft.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await draft.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().ShouldBe("Draft");
    }

    [Fact]
    public async Task An_editor_program_reads_confirmed_signatures_with_the_signers_details()
    {
        var (_, slug, id) = await app.PublishedStatementAsync();
        await app.WithDbAsync(async db =>
        {
            var keys = app.Services.GetRequiredService<SignerKeys>();
            for (var i = 0; i < 3; i++)
            {
                db.PetitionSignatures.Add(new PetitionSignature
                {
                    StatementId = id,
                    Status = i < 2 ? SignatureStatus.Confirmed : SignatureStatus.Pending,
                    FirstName = "Signer" + i,
                    LastName = "Test",
                    ProtectedEmail = keys.Protect($"s{i}@example.org"),
                    EmailKey = $"key-{slug}-{i}",
                    TokenHash = $"hash-{slug}-{i}",
                    RevisionHash = "x",
                    CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
                });
            }

            await db.SaveChangesAsync();
        });

        var page = await Client(await TokenAsync(ApiScopes.Petitions, [Roles.Editor])).GetAsync($"/api/petitions/{slug}/signatures?pageSize=1");
        var text = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("total").GetInt32().ShouldBe(2); // the pending one is not a signature yet
        json.GetProperty("items")[0].GetProperty("email").GetString().ShouldBe("s0@example.org");
        page.Headers.GetValues("Link").Single().ShouldContain("page=2");
    }

    [Fact]
    public async Task A_token_that_calls_too_often_gets_429_with_retry_after()
    {
        await using var limited = new CollectifApp { Settings = { ["Collectif:ApiRequestsPerMinute"] = "3" } };
        var (email, _) = await limited.CreateAccountAsync();
        var token = await limited.WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Email == email);
            await using var scope = limited.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(account.Id, "busy", ApiScopes.Read, 0, CancellationToken.None);
        });
        var client = limited.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await client.GetAsync("/api/me");
        (await ProblemAsync(refused, HttpStatusCode.TooManyRequests)).GetProperty("title").GetString().ShouldBe("Too many requests");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.Anonymous().GetAsync("/api/statements")).StatusCode.ShouldBe(HttpStatusCode.OK); // public reading is not limited per token
    }

    /// <summary>A draft statement with a sign-on open to one organization (written in the editor, opened by the product's service).</summary>
    private async Task<string> SignOnAsync(int organizationId)
    {
        var editor = await app.SignedInAsync("en", Roles.Editor);
        var slug = "signon-" + Guid.NewGuid().ToString("N")[..8];
        (await editor.PostFormAsync("/editor/statements/new", CollectifApp.StatementForm("Appel commun", "Nous signons ensemble.", slug))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = app.Services.CreateAsyncScope();
        var statement = await scope.ServiceProvider.GetRequiredService<Collectif.Data.CollectifDb>().Statements.SingleAsync(s => s.Slug == slug);
        var outcome = await scope.ServiceProvider.GetRequiredService<Collectif.Features.SignOn.SignOnService>().OpenAsync(
            statement, new Collectif.Features.SignOn.SignOnService.Invitees([organizationId], []), app.Clock.GetUtcNow().UtcDateTime.AddDays(3), Collectif.Features.SignOn.ConsentRule.Explicit, "test", CancellationToken.None);
        outcome.Done.ShouldBeTrue(outcome.Error);
        return slug;
    }
}
