using System.Globalization;
using Collectif.Features.Organizations;

namespace Collectif.Tests.Features.Organizations;

/// <summary>The registry's list a page at a time (a large coalition has hundreds of members).</summary>
public sealed class OrganizationListPagingTests
{
    [Fact]
    public async Task The_next_page_link_leads_to_the_next_organizations()
    {
        await using var app = new CollectifApp();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < IndexModel.PageSize + 20; i++)
            {
                db.Organizations.Add(new Organization { Name = "Association " + i.ToString("000", CultureInfo.InvariantCulture), Slug = "association-" + i.ToString(CultureInfo.InvariantCulture) });
            }

            await db.SaveChangesAsync();
        });
        var client = app.Anonymous("fr");

        var first = await client.GetDocumentAsync("/organizations");
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        Names(first).First().ShouldBe("Association 000");
        Names(second).ShouldBe(Enumerable.Range(IndexModel.PageSize, 20).Select(i => "Association " + i.ToString("000", CultureInfo.InvariantCulture)));
        second.Text(".pager span").ShouldBe("Page 2 sur 2");
    }

    private static List<string> Names(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll(".organization-list li a").Select(a => a.TextContent.Trim())];
}
