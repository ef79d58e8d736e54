using System.Net;
using System.Text.RegularExpressions;
using Collectif.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Organizations;

public partial class VerificationTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    [Fact]
    public async Task A_delegate_verifies_the_organization_by_a_link_mailed_to_its_domain()
    {
        var (organization, delegateClient) = await app.OrganizationWithDelegateAsync("fr");
        var domain = organization.EmailDomains[0].Domain;
        var page = $"/organizations/{organization.Slug}/verify";

        var elsewhere = await delegateClient.PostFormAsync(page + "?handler=Email", new() { ["Address"] = "someone@gmail.example" }, page);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await elsewhere.ReadDocumentAsync()).Text(".error").ShouldContain(domain);

        var sent = await delegateClient.PostFormAsync(page + "?handler=Email", new() { ["Address"] = $"secretariat@{domain}" }, page);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var mail = await SmtpSink.WaitForMessageAsync($"secretariat@{domain}");
        var link = new Uri(Link().Match(mail.TextBody!).Value).PathAndQuery;

        // Following the link (as a mail scanner would) changes nothing; the button does.
        var reader = app.Anonymous("fr");
        (await reader.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == organization.Id))).VerifiedAt.ShouldBeNull();
        var confirmed = await reader.PostFormAsync(link, []);
        (await confirmed.ReadDocumentAsync()).Text(".success").ShouldContain("est désormais vérifiée");

        var publicPage = await app.Anonymous("fr").GetDocumentAsync($"/organizations/{organization.Slug}");
        publicPage.Text(".verified").ShouldContain($"Confirmée par e-mail sur {domain}");
        (await reader.PostFormAsync(link, [])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "organization.verified" && e.Subject == $"organization:{organization.Slug}"))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_delegate_verifies_by_a_dns_record()
    {
        var (organization, delegateClient) = await app.OrganizationWithDelegateAsync("en");
        var page = $"/organizations/{organization.Slug}/verify";
        var domain = $"site-{organization.Slug}.example";

        var started = await (await delegateClient.PostFormAsync(page + "?handler=StartDns", new() { ["Domain"] = domain }, page)).ReadDocumentAsync();
        var value = started.Text("code.key");
        value.ShouldStartWith(VerifyOrganization.DnsPrefix);
        var challengeId = started.QuerySelector("input[name=ChallengeId]")!.GetAttribute("value")!;

        var early = await delegateClient.PostFormAsync(page + "?handler=CheckDns", new() { ["ChallengeId"] = challengeId }, page);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.ReadDocumentAsync()).Text(".error").ShouldStartWith("The record was not found yet.");

        app.Dns.Add(domain, "v=spf1 -all");
        app.Dns.Add(domain, value);
        var found = await delegateClient.PostFormAsync(page + "?handler=CheckDns", new() { ["ChallengeId"] = challengeId }, page);

        (await found.ReadDocumentAsync()).Text(".success").ShouldBe("The record was found: the organization is verified.");
        (await app.Anonymous("en").GetDocumentAsync($"/organizations/{organization.Slug}")).Text(".verified").ShouldContain($"Confirmed by a DNS record on {domain}");
    }

    [Fact]
    public async Task Only_an_administrator_vouches_and_only_with_a_justification()
    {
        var (organization, delegateClient) = await app.OrganizationWithDelegateAsync();
        var page = $"/organizations/{organization.Slug}/verify";

        var byDelegate = await delegateClient.PostFormAsync(page + "?handler=Vouch", new() { ["Justification"] = "I know them very well, trust me on this." }, page);
        byDelegate.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        byDelegate.Headers.Location!.AbsolutePath.ShouldBe("/error/403");

        var admin = await app.AdministratorAsync("en");
        var tooShort = await admin.PostFormAsync(page + "?handler=Vouch", new() { ["Justification"] = "ok" }, page);
        tooShort.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var vouched = await admin.PostFormAsync(page + "?handler=Vouch", new() { ["Justification"] = "Met their national secretary at the 12 March assembly." }, page);
        vouched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var publicPage = await app.Anonymous("en").GetDocumentAsync($"/organizations/{organization.Slug}");
        publicPage.Text(".verified").ShouldContain("Confirmed by the secretariat");
        publicPage.Text("main").ShouldNotContain("12 March assembly"); // the justification stays in the audit log
    }

    [Fact]
    public async Task A_delegate_can_act_only_for_their_own_organization()
    {
        var (own, delegateClient) = await app.OrganizationWithDelegateAsync();
        var (other, _) = await app.OrganizationWithDelegateAsync();

        (await delegateClient.GetAsync($"/organizations/{own.Slug}/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await delegateClient.GetAsync($"/organizations/{other.Slug}/verify");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        var posted = await delegateClient.PostFormAsync($"/organizations/{other.Slug}/verify?handler=Email", new() { ["Address"] = $"x@{other.EmailDomains[0].Domain}" }, $"/organizations/{own.Slug}/verify");
        posted.Headers.Location!.AbsolutePath.ShouldBe("/error/403");
        SmtpSink.MessagesTo($"x@{other.EmailDomains[0].Domain}").ShouldBeEmpty();

        var anonymous = await app.Anonymous().GetAsync($"/organizations/{own.Slug}/verify");
        anonymous.Headers.Location!.AbsolutePath.ShouldBe("/login");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
