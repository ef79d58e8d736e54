using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Ledger;

/// <summary>
/// Signs the head of each ledger that has grown, at most once a day: a published, signed
/// commitment that anyone can keep, so a later rewrite of the past shows.
/// </summary>
public sealed class LedgerCheckpoints(CollectifDb db, LedgerKey key, TimeProvider clock, AuditLog audit)
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    public async Task<int> CreateDueAsync(CancellationToken cancellationToken)
    {
        var now = LedgerCheckpoint.Stored(clock.GetUtcNow().UtcDateTime);
        var heads = await db.LedgerEntries.AsNoTracking()
            .GroupBy(e => e.StatementId)
            .Select(g => new { StatementId = g.Key, Sequence = g.Max(e => e.Sequence) })
            .ToListAsync(cancellationToken);
        var last = await db.LedgerCheckpoints.AsNoTracking()
            .GroupBy(c => c.StatementId)
            .Select(g => new { StatementId = g.Key, Sequence = g.Max(c => c.Sequence), Time = g.Max(c => c.Time) })
            .ToDictionaryAsync(c => c.StatementId, cancellationToken);
        var created = 0;
        foreach (var head in heads)
        {
            if (last.TryGetValue(head.StatementId, out var previous) && (previous.Sequence >= head.Sequence || now - previous.Time < Interval))
            {
                continue;
            }

            var entry = await db.LedgerEntries.AsNoTracking().FirstAsync(e => e.StatementId == head.StatementId && e.Sequence == head.Sequence, cancellationToken);
            db.LedgerCheckpoints.Add(new LedgerCheckpoint
            {
                StatementId = head.StatementId,
                Sequence = entry.Sequence,
                Hash = entry.Hash,
                Time = now,
                Signature = await key.SignAsync(LedgerCheckpoint.Message(head.StatementId, entry.Sequence, entry.Hash, now), cancellationToken),
            });
            audit.Record(AuditActions.LedgerCheckpointed, $"statement:{head.StatementId}", $"entry {entry.Sequence}");
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
