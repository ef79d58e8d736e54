using Collectif.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements.Editor;

/// <summary>Every revision with its fingerprint; a word diff between any two; restoring one as a new revision.</summary>
public sealed class RevisionsModel(CollectifDb db, SaveStatement save, UserManager<Accounts.Account> users, IAuthorizationService authorization) : PageModel
{
    public Statement Statement { get; private set; } = null!;
    public IReadOnlyList<StatementRevision> Revisions { get; private set; } = [];
    public IReadOnlyList<DiffSegment>? Diff { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (From is not null || To is not null)
        {
            var from = Revisions.FirstOrDefault(r => r.Number == From);
            var to = Revisions.FirstOrDefault(r => r.Number == To);
            if (from is null || to is null)
            {
                return NotFound();
            }

            Diff = WordDiff.Compare(Text(from), Text(to));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string slug, int number, CancellationToken cancellationToken)
    {
        // Observers may read this page; only editors change the text.
        if (!(await authorization.AuthorizeAsync(User, Web.AuthorizationPolicies.Editors)).Succeeded)
        {
            return Forbid();
        }

        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        var old = statement is null ? null : await db.StatementRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.StatementId == statement.Id && r.Number == number, cancellationToken);
        if (statement is null || old is null)
        {
            return NotFound();
        }

        var author = await users.GetUserAsync(User);
        await save.SaveAsync(statement, StatementText.Of(old, statement), statement.CurrentRevision, author?.Id, author?.Email, cancellationToken, restoredFrom: number);
        return Redirect($"/editor/statements/{slug}/revisions");
    }

    /// <summary>What a reader compares: title, subtitle, letter fields and body, one after the other.</summary>
    private static string Text(StatementRevision r) =>
        string.Join("\n\n", new[] { r.Title, r.Subtitle, r.Addressee, r.Place, r.LetterDate?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture), r.Subject, r.Body }.Where(t => !string.IsNullOrWhiteSpace(t)));

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null)
        {
            return false;
        }

        Statement = statement;
        Revisions = await db.StatementRevisions.AsNoTracking().Where(r => r.StatementId == statement.Id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        return true;
    }
}
