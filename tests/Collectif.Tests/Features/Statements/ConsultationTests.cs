using System.Net;
using Collectif.Features.Accounts;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Statements;

/// <summary>Member delegates comment and amend a draft until the deadline; editors accept or reject; mail tells them.</summary>
public class ConsultationTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private const string Body = "Nous dénonçons la répression.\n\nNous appelons à manifester samedi place de la République.\n\nSignez l’appel.";

    private async Task<(HttpClient Editor, string Slug)> OpenAsync(TimeSpan? until = null)
    {
        var editor = await app.SignedInAsync("en", Roles.Editor);
        var slug = "consultation-" + Guid.NewGuid().ToString("N")[..8];
        await editor.PostFormAsync("/editor/statements/new", new()
        {
            ["Form.Kind"] = "CallToMobilize",
            ["Form.Language"] = "fr",
            ["Form.Title"] = "Appel commun",
            ["Form.Body"] = Body,
            ["Form.Slug"] = slug,
            ["BaseRevision"] = "0",
        });
        var deadline = (app.Clock.GetUtcNow().UtcDateTime + (until ?? TimeSpan.FromDays(3)) + TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var opened = await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=OpenConsultation", new() { ["ConsultationDeadline"] = deadline }, $"/editor/statements/{slug}/edit");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (editor, slug);
    }

    private static Task<HttpResponseMessage> ProposeAsync(HttpClient client, string slug, int paragraph, string passage, string replacement, string reason) =>
        client.PostFormAsync($"/consultations/{slug}?handler=Propose", new()
        {
            ["Paragraph"] = paragraph.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Passage"] = passage,
            ["Replacement"] = replacement,
            ["Reason"] = reason,
        }, $"/consultations/{slug}");

    [Fact]
    public async Task Delegates_are_invited_by_mail_amend_and_hear_whether_it_was_accepted_which_makes_a_revision()
    {
        var (organization, delegateClient) = await app.OrganizationWithDelegateAsync("fr");
        var delegateEmail = await app.WithDbAsync(db => db.Delegations.Where(d => d.OrganizationId == organization.Id).Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => a.Email!).SingleAsync());
        var (editor, slug) = await OpenAsync();

        var invitation = await SmtpSink.WaitForMessageAsync(delegateEmail);
        invitation.Subject.ShouldBe("Pour vos remarques : Appel commun");
        invitation.TextBody!.ShouldContain($"/consultations/{slug}");
        invitation.TextBody!.ShouldContain("(Europe/Paris)");

        var page = await delegateClient.GetDocumentAsync($"/consultations/{slug}");
        page.QuerySelectorAll(".consulted-paragraph").Length.ShouldBe(3);
        (await delegateClient.PostFormAsync($"/consultations/{slug}?handler=Comment", new() { ["Paragraph"] = "1", ["Text"] = "Préciser de quelle répression il s’agit." }, $"/consultations/{slug}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ProposeAsync(delegateClient, slug, 2, "samedi", "samedi 18 novembre à 14 h 30", "La date et l’heure manquent."))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var board = await editor.GetDocumentAsync($"/consultations/{slug}");
        board.Text("#p1 .comment").ShouldContain("Préciser de quelle répression");
        board.Text("#p1 .comment .meta").ShouldContain(organization.Name);
        var amendment = await app.WithDbAsync(db => db.Amendments.SingleAsync(a => db.Statements.Any(s => s.Id == a.StatementId && s.Slug == slug)));
        (await editor.PostFormAsync($"/consultations/{slug}?handler=Accept", new() { ["AmendmentId"] = amendment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/consultations/{slug}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var statement = await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug));
        statement.CurrentRevision.ShouldBe(2);
        statement.Body.ShouldContain("manifester samedi 18 novembre à 14 h 30 place de la République");
        (await app.WithDbAsync(db => db.Amendments.SingleAsync(a => a.Id == amendment.Id))).AcceptedInRevision.ShouldBe(2);
        var decision = await SmtpSink.WaitForMessageAsync(delegateEmail, subjectContains: "Votre amendement");
        decision.TextBody!.ShouldContain("a été retenu");

        // Deciding twice is refused, with the reason.
        var again = await editor.PostFormAsync($"/consultations/{slug}?handler=Reject", new() { ["AmendmentId"] = amendment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "Non." }, $"/consultations/{slug}");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_an_amendment_whose_passage_has_gone_cannot_be_accepted()
    {
        var (_, delegateClient) = await app.OrganizationWithDelegateAsync("en");
        var (editor, slug) = await OpenAsync();
        await ProposeAsync(delegateClient, slug, 3, "Signez", "Signez et partagez", "Diffusion.");
        await ProposeAsync(delegateClient, slug, 1, "la répression", "la criminalisation", "Mot plus juste.");
        var amendments = await app.WithDbAsync(db => db.Amendments.Where(a => db.Statements.Any(s => s.Id == a.StatementId && s.Slug == slug)).OrderBy(a => a.Id).ToListAsync());

        var noReason = await editor.PostFormAsync($"/consultations/{slug}?handler=Reject", new() { ["AmendmentId"] = amendments[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "" }, $"/consultations/{slug}");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Give the reason for rejecting it");

        // The editor rewrites paragraph 1 by hand: the second amendment's passage is gone.
        await editor.PostFormAsync($"/editor/statements/{slug}/edit", new()
        {
            ["Form.Kind"] = "CallToMobilize",
            ["Form.Language"] = "fr",
            ["Form.Title"] = "Appel commun",
            ["Form.Body"] = Body.Replace("la répression", "les poursuites", StringComparison.Ordinal),
            ["Form.Slug"] = slug,
            ["BaseRevision"] = "1",
        }, $"/editor/statements/{slug}/edit");
        var gone = await editor.PostFormAsync($"/consultations/{slug}?handler=Accept", new() { ["AmendmentId"] = amendments[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/consultations/{slug}");
        gone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gone.ReadDocumentAsync()).Text(".error-summary").ShouldContain("no longer in the text");
        (await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug))).CurrentRevision.ShouldBe(2);
    }

    [Theory]
    [InlineData(2, "dimanche", "samedi", "Diffusion.", "Copy the words to replace exactly as they are in paragraph 2.")]
    [InlineData(9, "samedi", "dimanche", "Date.", "Choose a paragraph of the text.")]
    [InlineData(2, "samedi", "samedi", "Rien.", "The replacement is the same as the passage.")]
    [InlineData(2, "samedi", "dimanche", " ", "Give the reason for the amendment (at most 2000 characters).")]
    public async Task Bad_amendments_are_explained(int paragraph, string passage, string replacement, string reason, string message)
    {
        var (_, delegateClient) = await app.OrganizationWithDelegateAsync("en");
        var (_, slug) = await OpenAsync();

        var response = await ProposeAsync(delegateClient, slug, paragraph, passage, replacement, reason);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error-summary").ShouldContain(message);
    }

    [Fact]
    public async Task After_the_deadline_or_a_freeze_nothing_new_is_taken_and_what_was_said_stays_visible()
    {
        var (_, delegateClient) = await app.OrganizationWithDelegateAsync("en");
        var (editor, slug) = await OpenAsync(TimeSpan.FromHours(2));
        await ProposeAsync(delegateClient, slug, 1, "répression", "criminalisation", "Plus juste.");

        (await editor.PostFormAsync($"/consultations/{slug}?handler=Freeze", new() { ["frozen"] = "true" }, $"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var frozen = await ProposeAsync(delegateClient, slug, 1, "Nous", "Les organisations", "Sujet.");
        frozen.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await frozen.ReadDocumentAsync()).Text(".error-summary").ShouldContain("Amendments are frozen");
        (await delegateClient.GetDocumentAsync($"/consultations/{slug}")).QuerySelectorAll(".amendment").Length.ShouldBe(1);

        await editor.PostFormAsync($"/consultations/{slug}?handler=Freeze", new() { ["frozen"] = "false" }, $"/consultations/{slug}");
        app.Clock.Advance(TimeSpan.FromHours(3));
        var late = await delegateClient.PostFormAsync($"/consultations/{slug}?handler=Comment", new() { ["Paragraph"] = "1", ["Text"] = "Trop tard ?" }, $"/consultations/{slug}");
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.ReadDocumentAsync()).Text(".error-summary").ShouldContain("The deadline has passed.");
    }

    [Fact]
    public async Task Only_delegates_editors_and_observers_see_a_consultation_and_delegates_only_while_it_is_open()
    {
        var (_, delegateClient) = await app.OrganizationWithDelegateAsync("en");
        var (email, password) = await app.CreateAccountAsync();
        var plain = app.Anonymous();
        await CollectifApp.SignInAsync(plain, email, password);
        var (editor, slug) = await OpenAsync();

        (await app.Anonymous().GetAsync($"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // to sign-in
        (await plain.GetAsync($"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await delegateClient.GetAsync($"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var forged = await plain.PostFormAsync($"/consultations/{slug}?handler=Comment", new() { ["Paragraph"] = "1", ["Text"] = "Intrus" }, $"/consultations/{slug}?handler=x");
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var delegateAccept = await delegateClient.PostFormAsync($"/consultations/{slug}?handler=Accept", new() { ["AmendmentId"] = "1" }, $"/consultations/{slug}");
        delegateAccept.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await editor.PostFormAsync($"/editor/statements/{slug}/edit?handler=CloseConsultation", [], $"/editor/statements/{slug}/edit");
        (await delegateClient.GetAsync($"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await editor.GetAsync($"/consultations/{slug}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Statements.SingleAsync(s => s.Slug == slug))).Status.ShouldBe(StatementStatus.Draft);
    }
}
