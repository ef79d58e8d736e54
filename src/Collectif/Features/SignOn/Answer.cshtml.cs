using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.SignOn;

/// <summary>
/// /sign-on/{slug} — a delegate reads the text and answers for their organization: sign, decline
/// or abstain. Reached signed in, or through the signed link of the invitation mail (which names
/// one delegate and one organization); either way the answer is only taken by the form's POST,
/// never by opening the link.
/// </summary>
public sealed class AnswerModel(CollectifDb db, SignOnService signOns, UserManager<Accounts.Account> users, Audit.AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>An organization the visitor may answer for, and where it stands.</summary>
    public sealed record Standing(int OrganizationId, string Name, AnswerChoice? Answer, DateTime? AnsweredAt, StatementSignatory? Signature, IReadOnlyList<DiffSegment>? Changes);

    public Statement Statement { get; private set; } = null!;
    public SignOn SignOn { get; private set; } = null!;
    public IReadOnlyList<Standing> Organizations { get; private set; } = [];
    public bool Published => Statement.Status is StatementStatus.Published or StatementStatus.Archived;
    public bool DeadlinePassed { get; private set; }

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    [BindProperty]
    public int OrganizationId { get; set; }

    [BindProperty]
    public AnswerChoice? Choice { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>After an answer: the ledger entry that recorded it (the signer's receipt).</summary>
    [BindProperty(SupportsGet = true, Name = "receipt")]
    public int? ReceiptEntry { get; set; }

    public string? ReceiptHash { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Organizations.All(o => o.OrganizationId != OrganizationId))
        {
            return await RefuseAsync(slug, "You are not a delegate of this organization, or it was not invited to sign.", cancellationToken);
        }

        if (Choice is not { } choice)
        {
            return await RefuseAsync(slug, "Choose whether your organization signs, declines or abstains.", cancellationToken);
        }

        var account = await users.GetUserAsync(User);
        var accountId = account?.Id ?? signOns.ReadToken(Token)?.AccountId;
        var outcome = await signOns.AnswerAsync(Statement, SignOn, OrganizationId, accountId, choice, Comment, cancellationToken);
        if (!outcome.Done)
        {
            return await RefuseAsync(slug, outcome.Error!, cancellationToken, outcome.Arguments);
        }

        var receipt = await db.StatementSignatories.Where(s => s.StatementId == Statement.Id && s.OrganizationId == OrganizationId && s.WithdrawnAt == null).Select(s => s.LedgerSequence).FirstOrDefaultAsync(cancellationToken);
        return Redirect($"/sign-on/{slug}?{(Token is null ? "" : $"t={Uri.EscapeDataString(Token)}&")}receipt={receipt}#answer-{OrganizationId}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Organizations.All(o => o.OrganizationId != OrganizationId))
        {
            return await RefuseAsync(slug, "You are not a delegate of this organization, or it was not invited to sign.", cancellationToken);
        }

        var outcome = await signOns.WithdrawAsync(Statement, OrganizationId, Reason, cancellationToken);
        return outcome.Done
            ? Redirect($"/sign-on/{slug}{(Token is null ? "" : $"?t={Uri.EscapeDataString(Token)}")}#answer-{OrganizationId}")
            : await RefuseAsync(slug, outcome.Error!, cancellationToken, outcome.Arguments);
    }

    /// <summary>Loads the statement, its sign-on and the organizations the visitor speaks for; a result when the visitor may not be here.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        var signOn = statement is null ? null : await db.SignOns.AsNoTracking().Include(s => s.Invitations).ThenInclude(i => i.Organization).FirstOrDefaultAsync(s => s.StatementId == statement.Id, cancellationToken);
        if (statement is null || signOn is null || statement.Status == StatementStatus.Withdrawn)
        {
            return NotFound();
        }

        var invited = signOn.Invitations.ToDictionary(i => i.OrganizationId);
        List<int> speaksFor;
        if (Token is not null)
        {
            if (signOns.ReadToken(Token) is not { } link || link.SignOnId != signOn.Id || !invited.ContainsKey(link.OrganizationId)
                || !await db.Delegations.AnyAsync(d => d.AccountId == link.AccountId && d.OrganizationId == link.OrganizationId, cancellationToken))
            {
                audit.Record(Audit.AuditActions.SignOnRefused, $"statement:{slug}", "invalid or foreign sign-on link");
                await db.SaveChangesAsync(cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                ViewData["LinkError"] = localizer["This link is not valid for this statement (it may have been altered, or your delegation ended). Sign in to answer."].Value;
                Statement = statement;
                SignOn = signOn;
                return Page();
            }

            speaksFor = [link.OrganizationId];
        }
        else
        {
            var account = await users.GetUserAsync(User);
            if (account is null)
            {
                return Challenge();
            }

            speaksFor = await db.Delegations.Where(d => d.AccountId == account.Id).Select(d => d.OrganizationId).ToListAsync(cancellationToken);
            speaksFor = speaksFor.Where(invited.ContainsKey).ToList();
            if (speaksFor.Count == 0)
            {
                return NotFound();
            }
        }

        Statement = statement;
        SignOn = signOn;
        DeadlinePassed = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime > signOn.Deadline;
        var answers = await db.SignOnAnswers.AsNoTracking().Where(a => a.SignOnId == signOn.Id && speaksFor.Contains(a.OrganizationId)).ToListAsync(cancellationToken);
        var signatures = await db.StatementSignatories.AsNoTracking().Where(s => s.StatementId == statement.Id && s.OrganizationId != null && speaksFor.Contains(s.OrganizationId.Value) && s.WithdrawnAt == null).ToListAsync(cancellationToken);
        var standings = new List<Standing>();
        foreach (var id in speaksFor)
        {
            var last = answers.Where(a => a.OrganizationId == id).OrderByDescending(a => a.Id).FirstOrDefault();
            var signature = signatures.FirstOrDefault(s => s.OrganizationId == id);
            IReadOnlyList<DiffSegment>? changes = null;
            if (signature is { RevisionNumber: { } signedRevision } && signature.ContentHash != statement.CurrentContentHash)
            {
                var old = await db.StatementRevisions.AsNoTracking().FirstAsync(r => r.StatementId == statement.Id && r.Number == signedRevision, cancellationToken);
                changes = WordDiff.Compare(old.Title + "\n\n" + old.Body, statement.Title + "\n\n" + statement.Body);
            }

            standings.Add(new Standing(id, invited[id].Organization!.Name, last?.Choice, last?.AnsweredAt, signature, changes));
        }

        Organizations = standings;
        if (ReceiptEntry is { } entry)
        {
            ReceiptHash = await db.LedgerEntries.Where(e => e.StatementId == statement.Id && e.Sequence == entry).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        }

        return null;
    }

    private async Task<IActionResult> RefuseAsync(string slug, string error, CancellationToken cancellationToken, object[]? arguments = null)
    {
        audit.Record(Audit.AuditActions.SignOnRefused, $"statement:{slug}", error);
        await db.SaveChangesAsync(cancellationToken);
        ModelState.Clear();
        ModelState.AddModelError("", localizer[error, arguments ?? []]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
