using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Publishing;

/// <summary>
/// Atom feeds of published statements (all, or one kind) and the sitemap, built with
/// System.ServiceModel.Syndication and XmlWriter: valid XML whatever the titles contain.
/// </summary>
public static class FeedsEndpoints
{
    private const int FeedSize = 50;

    // Letters stay letters ("é", not "&#233;"); only what HTML needs is escaped.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static void MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feeds/statements.atom", (CollectifDb db, HttpContext context, CancellationToken cancellationToken) =>
            AtomAsync(db, context, null, cancellationToken)).ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/feeds/statements/{kind}.atom", (CollectifDb db, HttpContext context, string kind, CancellationToken cancellationToken) =>
            Enum.TryParse<StatementKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _)
                ? AtomAsync(db, context, parsed, cancellationToken)
                : Task.FromResult(Results.Problem(statusCode: 404, title: "Unknown kind", detail: $"Kinds are: {string.Join(", ", Enum.GetNames<StatementKind>())}.")))
            .ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/feeds/organizations/{slug}.atom", async (CollectifDb db, HttpContext context, string slug, CancellationToken cancellationToken) =>
            await db.Organizations.AnyAsync(o => o.Slug == slug && o.MergedIntoId == null, cancellationToken)
                ? await AtomAsync(db, context, null, cancellationToken, signedBy: slug)
                : Results.Problem(statusCode: 404, title: "Organization not found", detail: $"No organization has the slug '{slug}'."))
            .ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/sitemap.xml", SitemapAsync).ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/feeds/mobilizations.atom", MobilizationsAtomAsync).ExcludeFromDescription().CachedForThePublic();
    }

    private static async Task<IResult> AtomAsync(CollectifDb db, HttpContext context, StatementKind? kind, CancellationToken cancellationToken, string? signedBy = null)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var query = db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && s.Status == StatementStatus.Published);
        if (kind is not null)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (signedBy is not null)
        {
            query = query.Where(s => s.Signatories.Any(sig => sig.Organization != null && sig.Organization.Slug == signedBy));
        }

        var statements = await query.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(FeedSize).ToListAsync(cancellationToken);
        var signatories = new Dictionary<int, IReadOnlyList<SignatoryLine>>();
        foreach (var statement in statements)
        {
            signatories[statement.Id] = await db.SignatoriesAsync(statement.Id, cancellationToken);
        }

        var language = Languages.Current;
        var feed = new SyndicationFeed(
            coalition.Name(language),
            coalition.Description(language) ?? coalition.Name(language),
            new Uri(baseUrl + "/statements"),
            baseUrl + context.Request.Path,
            statements.Count > 0 ? new DateTimeOffset(statements.Max(s => s.PublishedAt!.Value)) : new DateTimeOffset(coalition.LogoUpdatedAt ?? DateTime.UnixEpoch))
        {
            Language = language,
            Items = statements.Select(s =>
            {
                var url = $"{baseUrl}/statements/{s.Slug}";
                var item = new SyndicationItem
                {
                    Id = url,
                    Title = new TextSyndicationContent(s.Title),
                    LastUpdatedTime = new DateTimeOffset(s.PublishedAt!.Value),
                    PublishDate = new DateTimeOffset(s.PublishedAt!.Value),
                    Summary = new TextSyndicationContent(s.Excerpt is { Length: > 0 } e ? Markdown.Excerpt(e) : Markdown.Excerpt(s.Body)),
                    Content = new TextSyndicationContent(Markdown.ToHtml(s.Body, s.Language) + SignatoriesHtml(s.Language, signatories[s.Id], coalition.GroupSignatoriesByKind), TextSyndicationContentKind.Html),
                };
                item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url)));
                item.Authors.Add(new SyndicationPerson { Name = coalition.Acronym });
                item.Categories.Add(new SyndicationCategory(s.Kind.ToString()));
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + context.Request.Path)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        return Results.Text(Write(writer => new Atom10FeedFormatter(feed).WriteTo(writer)), "application/atom+xml; charset=utf-8");
    }

    /// <summary>Mobilizations, most recently changed first: a ban or a new city shows up in feed readers.</summary>
    private static async Task<IResult> MobilizationsAtomAsync(CollectifDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var mobilizations = await db.Mobilizations.AsNoTracking().Include(m => m.Gatherings).Where(m => m.Published)
            .OrderByDescending(m => m.UpdatedAt).Take(FeedSize).ToListAsync(cancellationToken);
        var feed = new SyndicationFeed(coalition.Name(Languages.Current), coalition.Name(Languages.Current), new Uri(baseUrl + "/mobilizations"), baseUrl + "/feeds/mobilizations.atom",
            mobilizations.Count > 0 ? new DateTimeOffset(mobilizations.Max(m => m.UpdatedAt)) : new DateTimeOffset(DateTime.UnixEpoch))
        {
            Items = mobilizations.Select(m =>
            {
                var url = $"{baseUrl}/mobilizations/{m.Slug}";
                var where = string.Join(" · ", m.Gatherings.OrderBy(g => g.StartsAt).Select(g =>
                    $"{g.City} {Mobilizations.MobilizationService.ToLocal(g.StartsAt, g.TimeZone):yyyy-MM-dd HH:mm} ({Mobilizations.MobilizationService.StatusLabel(g.Status)})"));
                var item = new SyndicationItem
                {
                    Id = url,
                    Title = new TextSyndicationContent(m.Title),
                    LastUpdatedTime = new DateTimeOffset(m.UpdatedAt),
                    Summary = new TextSyndicationContent(where),
                };
                item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url)));
                return item;
            }).ToList(),
        };
        return Results.Text(Write(writer => new Atom10FeedFormatter(feed).WriteTo(writer)), "application/atom+xml; charset=utf-8");
    }

    /// <summary>The signatory list as the PDF prints it, under the text, in the statement's language.</summary>
    private static string SignatoriesHtml(string language, IReadOnlyList<SignatoryLine> lines, bool byKind)
    {
        if (lines.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder();
        html.Append("<h2>").Append(Encoder.Encode(StatementFormat.SignatoriesTitle(language))).Append(" (").Append(lines.Count).Append(")</h2>");
        foreach (var group in SignatoryGroups.Initial(lines, byKind))
        {
            html.Append("<p>").Append(Encoder.Encode(string.Join(" – ", group.Lines.Select(SignatoryFormat.Line)))).Append("</p>");
        }

        if (SignatoryGroups.Later(lines) is { Count: > 0 } later)
        {
            html.Append("<p>").Append(Encoder.Encode(string.Join(" – ", later.Select(SignatoryFormat.Line)))).Append("</p>");
        }

        return html.ToString();
    }

    private static async Task<IResult> SitemapAsync(CollectifDb db, HttpContext context, CancellationToken cancellationToken)
    {
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var statements = await db.Statements.AsNoTracking().Where(s => s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status)).Select(s => new { s.Slug, s.PublishedAt }).ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).Select(o => new { o.Slug, o.UpdatedAt }).ToListAsync(cancellationToken);
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var xml = Write(writer =>
        {
            writer.WriteStartElement("urlset", ns);
            foreach (var path in new[] { "/", "/statements", "/organizations", "/mobilizations", "/press", "/editorial-policy" })
            {
                Url(path, null);
            }

            foreach (var statement in statements)
            {
                Url($"/statements/{statement.Slug}", statement.PublishedAt);
            }

            foreach (var organization in organizations)
            {
                Url($"/organizations/{organization.Slug}", organization.UpdatedAt == default ? null : organization.UpdatedAt);
            }

            writer.WriteEndElement();

            void Url(string path, DateTime? modified)
            {
                writer.WriteStartElement("url", ns);
                writer.WriteElementString("loc", ns, baseUrl + path);
                if (modified is { } at)
                {
                    writer.WriteElementString("lastmod", ns, at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                }

                writer.WriteEndElement();
            }
        });
        return Results.Text(xml, "application/xml; charset=utf-8");
    }

    private static string Write(Action<XmlWriter> write)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            write(writer);
        }

        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
