using Collectif.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features;

public class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Loading_the_demo_data_again_adds_nothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Organizations.CountAsync(), await db.Statements.CountAsync(), await db.StatementSignatories.CountAsync(), await db.Memberships.CountAsync(), await db.PressContacts.CountAsync(), await db.PressListMembers.CountAsync()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoData>().ApplyAsync();
        }

        var after = await app.WithDbAsync(async db => (await db.Organizations.CountAsync(), await db.Statements.CountAsync(), await db.StatementSignatories.CountAsync(), await db.Memberships.CountAsync(), await db.PressContacts.CountAsync(), await db.PressListMembers.CountAsync()));
        after.ShouldBe(before);
        before.ShouldBe((49, 9, 48, 48, 6, 6)); // the 48 members and the verified issuer of the seed press release; two media lists
    }

    [Fact]
    public async Task The_demo_press_release_can_be_sent_at_once_its_issuer_is_verified_and_its_lists_use_example_org()
    {
        var release = await app.WithDbAsync(db => db.Statements.Include(s => s.BylineOrganization).SingleAsync(s => s.Slug == "paris-call-for-peace"));
        release.BylineOrganization!.VerifiedAt.ShouldNotBeNull();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<Collectif.Features.Press.DistributionService>().ProblemAsync(release, CancellationToken.None)).ShouldBeNull();
        (await app.WithDbAsync(db => db.PressContacts.Select(c => c.EmailKey).ToListAsync())).ShouldAllBe(e => e.EndsWith(".example.org"));
        (await app.WithDbAsync(db => db.Coalitions.SingleAsync())).EditorialPolicyEn!.ShouldContain("Only **verified** organizations");
    }

    [Fact]
    public async Task Demo_organizations_have_their_kinds()
    {
        var kinds = await app.WithDbAsync(db => db.Organizations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        kinds.ShouldNotContainKey(Collectif.Features.Organizations.OrganizationKind.Other);
        kinds[Collectif.Features.Organizations.OrganizationKind.Union].ShouldBe(4);
        kinds[Collectif.Features.Organizations.OrganizationKind.StudentOrYouth].ShouldBe(3);
    }
}
