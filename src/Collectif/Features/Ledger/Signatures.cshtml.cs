using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Ledger;

/// <summary>
/// /statements/{slug}/signatures — the ledger in words: does the chain hold, does the published
/// count equal what it proves, is the latest checkpoint signed by this site's key, and is a given
/// receipt (entry number or hash) in it.
/// </summary>
public sealed class SignaturesModel(CollectifDb db, LedgerKey key) : PageModel
{
    public Statement Statement { get; private set; } = null!;
    public LedgerVerification Verification { get; private set; } = null!;
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];
    public int PublishedCount { get; private set; }
    public int ProvenCount { get; private set; }
    public LedgerCheckpoint? Checkpoint { get; private set; }
    public bool? CheckpointValid { get; private set; }

    [BindProperty(SupportsGet = true, Name = "receipt")]
    public string? Receipt { get; set; }

    public LedgerEntry? Found { get; private set; }
    public bool ReceiptNotFound { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LedgerEndpoints.PublicStatementAsync(db, slug, cancellationToken) is not { } statement)
        {
            return NotFound();
        }

        Statement = statement;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.StatementId == statement.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        Verification = SignatureLedger.Verify(entries);
        Entries = entries.AsEnumerable().Reverse().Take(200).ToList();
        PublishedCount = await SignatureLedger.PublishedCountAsync(db, statement.Id, cancellationToken);
        ProvenCount = SignatureLedger.ProvenCount(Verification, statement.CurrentContentHash);
        Checkpoint = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.StatementId == statement.Id).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (Checkpoint is { } checkpoint)
        {
            var atCheckpoint = entries.FirstOrDefault(e => e.Sequence == checkpoint.Sequence);
            CheckpointValid = atCheckpoint?.Hash == checkpoint.Hash
                && LedgerKey.Check((await key.GetAsync(cancellationToken)).PublicKeyPem, LedgerCheckpoint.Message(statement.Id, checkpoint.Sequence, checkpoint.Hash, checkpoint.Time), checkpoint.Signature);
        }

        if (Receipt?.Trim() is { Length: > 0 } receipt)
        {
            Found = int.TryParse(receipt, out var number)
                ? entries.FirstOrDefault(e => e.Sequence == number)
                : entries.FirstOrDefault(e => e.Hash.Equals(receipt, StringComparison.OrdinalIgnoreCase));
            ReceiptNotFound = Found is null;
            if (ReceiptNotFound)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        return Page();
    }
}
