using System.Net;
using Collectif.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Tests.Features.Audit;

public class AuditLogTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private static Dictionary<string, string> Organization(string name) => new()
    {
        ["Form.Name"] = name,
        ["Form.Kind"] = "Association",
        ["Form.IsMember"] = "false",
    };

    [Fact]
    public async Task Changes_appear_in_the_log_with_who_and_what_and_can_be_filtered()
    {
        var admin = await app.AdministratorAsync("en");
        var name = "Audited " + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostFormAsync("/admin/organizations/new", Organization(name))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await admin.GetDocumentAsync("/admin/audit?action=organization.created");

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        row.TextContent.ShouldContain(CollectifApp.AdminEmail);
        row.TextContent.ShouldContain("organization.created");
        page.QuerySelectorAll("tbody tr").ShouldAllBe(r => r.TextContent.Contains("organization.created"));

        var nobody = await admin.GetDocumentAsync("/admin/audit?actor=nobody-at-all");
        nobody.QuerySelectorAll("tbody tr").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_csv_export_has_the_same_entries_and_defuses_formulas()
    {
        var admin = await app.AdministratorAsync("en");
        var name = "=HYPERLINK(\"https://evil.example\") " + Guid.NewGuid().ToString("N")[..6];
        await admin.PostFormAsync("/admin/organizations/new", Organization(name));

        var response = await admin.GetAsync("/admin/audit?handler=Csv&action=organization.created");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.TrimStart('\uFEFF').ShouldStartWith("at,who,action,subject,details,network");
        csv.ShouldContain("organization.created");
        csv.ShouldNotContain(",=HYPERLINK");
        csv.ShouldNotContain(",\"=HYPERLINK");
    }

    [Fact]
    public async Task Reversed_dates_are_explained()
    {
        var admin = await app.AdministratorAsync("fr");

        var response = await admin.GetAsync("/admin/audit?from=2026-03-10&to=2026-03-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadDocumentAsync()).Text(".error").ShouldBe("Les dates ne sont pas valides : la première doit précéder la seconde.");
    }

    [Fact]
    public async Task Entries_cannot_be_changed_or_deleted()
    {
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { Action = "test.entry", At = DateTime.UnixEpoch });
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(e => e.Action == "test.entry");
            entry.Details = "rewritten";
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync(e => e.Action == "test.entry"));
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0/24")]
    [InlineData("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::/48")]
    public void Addresses_are_kept_only_as_networks(string address, string network) =>
        AuditEntry.Truncate(IPAddress.Parse(address)).ShouldBe(network);
}
