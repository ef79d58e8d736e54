using Collectif.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features;

public class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Loading_the_demo_data_again_adds_nothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Organizations.CountAsync(), await db.Statements.CountAsync(), await db.StatementSignatories.CountAsync(), await db.Memberships.CountAsync()));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedDemoData>().ApplyAsync();
        }

        var after = await app.WithDbAsync(async db => (await db.Organizations.CountAsync(), await db.Statements.CountAsync(), await db.StatementSignatories.CountAsync(), await db.Memberships.CountAsync()));
        after.ShouldBe(before);
        before.ShouldBe((48, 9, 48, 48));
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
