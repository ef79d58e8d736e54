using Collectif.Data;
using Collectif.Features.Ledger;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Petitions;

/// <summary>
/// The link of the confirmation mail, /petitions/confirm/{token}: a button confirms (opening the
/// link alone, or a mail scanner fetching it, changes nothing); afterwards the same link shows the
/// receipt — the ledger entry that records the signature — and lets the signer withdraw.
/// </summary>
public sealed class ReceiptModel(CollectifDb db, PetitionService petitions) : PageModel
{
    public PetitionSignature Signature { get; private set; } = null!;
    public Statement Statement { get; private set; } = null!;
    public LedgerEntry? Entry { get; private set; }
    public string? Error { get; private set; }
    public bool JustConfirmed { get; private set; }
    public bool JustWithdrawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : Gone();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await petitions.ConfirmAsync(token, cancellationToken);
        if (!await LoadAsync(token, cancellationToken))
        {
            return Gone();
        }

        if (!outcome.Done)
        {
            Error = outcome.Error;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        JustConfirmed = outcome.Done;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await petitions.WithdrawAsync(token, cancellationToken);
        if (!await LoadAsync(token, cancellationToken))
        {
            return Gone();
        }

        if (!outcome.Done)
        {
            Error = outcome.Error;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        JustWithdrawn = outcome.Done;
        return Page();
    }

    // Unknown, mistyped or expired links: a page that says so, in the reader's language.
    private PageResult Gone()
    {
        Error = "This link is not valid: it may have been mistyped, or the signature was deleted because it was not confirmed in time.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await petitions.FindAsync(token, cancellationToken) is not { } signature)
        {
            return false;
        }

        Signature = signature;
        Statement = await db.Statements.AsNoTracking().FirstAsync(s => s.Id == signature.StatementId, cancellationToken);
        if (signature.LedgerSequence is { } sequence)
        {
            Entry = await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.StatementId == signature.StatementId && e.Sequence == sequence, cancellationToken);
        }

        return true;
    }
}
