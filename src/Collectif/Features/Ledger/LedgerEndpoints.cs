using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Ledger;

/// <summary>
/// The public ledger of each statement as JSON Lines (entries, checkpoints), the checkpoints as an
/// Atom feed, and the instance's public key: everything an outsider needs to verify signatures
/// with <c>collectif verify-ledger --file</c> or their own code.
/// </summary>
public static class LedgerEndpoints
{
    public const int MaxPage = 5000;

    public static void MapLedger(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statements/{slug}/ledger", EntriesAsync).ExcludeFromDescription();
        endpoints.MapGet("/statements/{slug}/ledger/checkpoints", CheckpointsAsync).ExcludeFromDescription();
        endpoints.MapGet("/statements/{slug}/ledger.atom", AtomAsync).ExcludeFromDescription();
        endpoints.MapGet("/ledger/public-key.pem", async (LedgerKey key, CancellationToken cancellationToken) =>
            Results.Text((await key.GetAsync(cancellationToken)).PublicKeyPem, "application/x-pem-file")).ExcludeFromDescription();
    }

    public static Task<Statement?> PublicStatementAsync(CollectifDb db, string slug, CancellationToken cancellationToken) =>
        db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Readable.Contains(s.Status), cancellationToken);

    private static async Task<IResult> EntriesAsync(string slug, int? after, int? limit, CollectifDb db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await PublicStatementAsync(db, slug, cancellationToken) is not { } statement)
        {
            return Results.Problem(statusCode: 404, title: "Statement not found", detail: $"No public statement has the slug '{slug}'.");
        }

        if (after is < 0 || limit is < 1 or > MaxPage)
        {
            return Results.Problem(statusCode: 400, title: "Bad paging", detail: $"'after' is an entry number (0 or more) and 'limit' between 1 and {MaxPage}.");
        }

        var size = limit ?? 1000;
        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.StatementId == statement.Id && e.Sequence > (after ?? 0))
            .OrderBy(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        if (entries.Count > size)
        {
            entries.RemoveAt(size);
            context.Response.Headers.Link = $"</statements/{slug}/ledger?after={entries[^1].Sequence}&limit={size}>; rel=\"next\"";
        }

        return JsonLines(entries.Select(PublishedEntry.Of));
    }

    private static async Task<IResult> CheckpointsAsync(string slug, CollectifDb db, CancellationToken cancellationToken)
    {
        if (await PublicStatementAsync(db, slug, cancellationToken) is not { } statement)
        {
            return Results.Problem(statusCode: 404, title: "Statement not found", detail: $"No public statement has the slug '{slug}'.");
        }

        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.StatementId == statement.Id).OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return JsonLines(checkpoints.Select(c => new PublishedCheckpoint(c.StatementId, c.Sequence, c.Hash, c.Time, c.Signature)));
    }

    private static async Task<IResult> AtomAsync(string slug, CollectifDb db, HttpContext context, CancellationToken cancellationToken)
    {
        if (await PublicStatementAsync(db, slug, cancellationToken) is not { } statement)
        {
            return Results.Problem(statusCode: 404, title: "Statement not found", detail: $"No public statement has the slug '{slug}'.");
        }

        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.StatementId == statement.Id).OrderByDescending(c => c.Id).Take(50).ToListAsync(cancellationToken);
        var feed = new SyndicationFeed(statement.Title, "Signed checkpoints of the signature ledger", new Uri($"{baseUrl}/statements/{slug}/signatures"), $"{baseUrl}/statements/{slug}/ledger.atom",
            checkpoints.Count > 0 ? new DateTimeOffset(checkpoints[0].Time) : new DateTimeOffset(statement.PublishedAt ?? DateTime.UnixEpoch))
        {
            Items = checkpoints.Select(c =>
            {
                var item = new SyndicationItem
                {
                    Id = $"{baseUrl}/statements/{slug}/ledger#checkpoint-{c.Id}",
                    Title = new TextSyndicationContent($"Checkpoint: entry {c.Sequence}"),
                    LastUpdatedTime = new DateTimeOffset(c.Time),
                    Content = new TextSyndicationContent(JsonSerializer.Serialize(new PublishedCheckpoint(c.StatementId, c.Sequence, c.Hash, c.Time, c.Signature), SignatureLedger.Json)),
                };
                item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri($"{baseUrl}/statements/{slug}/signatures")));
                return item;
            }).ToList(),
        };
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return Results.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/atom+xml; charset=utf-8");
    }

    private static IResult JsonLines<T>(IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(JsonSerializer.Serialize(row, SignatureLedger.Json)).Append('\n');
        }

        return Results.Text(text.ToString(), "application/x-ndjson; charset=utf-8");
    }
}
