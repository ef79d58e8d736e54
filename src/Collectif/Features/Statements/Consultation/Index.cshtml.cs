using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Statements.Consultation;

/// <summary>
/// /consultations/{slug}: the draft paragraph by paragraph, with member delegates' comments and
/// amendments; delegates write them until the deadline, editors decide. Observers and editors may
/// read it at any time; delegates while the consultation is open.
/// </summary>
public sealed class IndexModel(CollectifDb db, ConsultationService consultation, UserManager<Accounts.Account> users, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Statement Statement { get; private set; } = null!;
    public IReadOnlyList<string> Paragraphs { get; private set; } = [];
    public IReadOnlyList<StatementComment> Comments { get; private set; } = [];
    public IReadOnlyList<Amendment> Amendments { get; private set; } = [];

    /// <summary>Organizations the signed-in person is a delegate of (they speak for one of them).</summary>
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];

    public bool CanDecide { get; private set; }
    public bool CanWrite { get; private set; }
    public string? ClosedReason { get; private set; }

    [BindProperty]
    public int Paragraph { get; set; }

    [BindProperty]
    public int? OrganizationId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Passage { get; set; }

    [BindProperty]
    public string? Replacement { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int AmendmentId { get; set; }

    public Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) => ShowAsync(slug, cancellationToken);

    public Task<IActionResult> OnPostCommentAsync(string slug, CancellationToken cancellationToken) =>
        WriteAsync(slug, (statement, account, organization, c) => consultation.CommentAsync(statement, account.Id, account.Email!, organization, Paragraph, Text, c), "comment", cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(string slug, CancellationToken cancellationToken) =>
        WriteAsync(slug, (statement, account, organization, c) => consultation.ProposeAsync(statement, account.Id, account.Email!, organization, Paragraph, Passage, Replacement, Reason, c), "amend", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(string slug, CancellationToken cancellationToken) =>
        DecideAsync(slug, (statement, amendment, account, c) => consultation.AcceptAsync(statement, amendment, account, BaseUrl, c), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string slug, CancellationToken cancellationToken) =>
        DecideAsync(slug, (statement, amendment, account, c) => consultation.RejectAsync(statement, amendment, account, Reason, BaseUrl, c), cancellationToken);

    public async Task<IActionResult> OnPostFreezeAsync(string slug, bool frozen, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null || !await IsEditorAsync())
        {
            return NotFound();
        }

        await consultation.FreezeAsync(statement, frozen, cancellationToken);
        return Redirect($"/consultations/{slug}");
    }

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    private async Task<bool> IsEditorAsync() => (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Editors)).Succeeded;

    private async Task<IActionResult> ShowAsync(string slug, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        var account = await users.GetUserAsync(User);
        var delegations = account is null ? [] : await db.Delegations.AsNoTracking()
            .Where(d => d.AccountId == account.Id)
            .Select(d => new { d.OrganizationId, d.Organization!.Name }).ToListAsync(cancellationToken);
        var readsDrafts = (await authorization.AuthorizeAsync(User, AuthorizationPolicies.ReadDrafts)).Succeeded;
        CanDecide = await IsEditorAsync();
        if (!readsDrafts && (delegations.Count == 0 || statement.Status != StatementStatus.Consultation))
        {
            // Not a secret that it exists once published, but the draft is for members only.
            return NotFound();
        }

        Statement = statement;
        Organizations = delegations.Select(d => (d.OrganizationId, d.Name)).ToList();
        Paragraphs = ConsultationService.Paragraphs(statement.Body);
        ClosedReason = consultation.ClosedReason(statement);
        CanWrite = ClosedReason is null && (delegations.Count > 0 || CanDecide);
        Comments = await db.StatementComments.AsNoTracking().Include(c => c.Organization).Where(c => c.StatementId == statement.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        Amendments = await db.Amendments.AsNoTracking().Include(a => a.Organization).Where(a => a.StatementId == statement.Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> WriteAsync(string slug, Func<Statement, Accounts.Account, int?, CancellationToken, Task<Outcome>> write, string form, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        var account = await users.GetUserAsync(User);
        if (statement is null || account is null)
        {
            return NotFound();
        }

        var delegations = await db.Delegations.Where(d => d.AccountId == account.Id).Select(d => d.OrganizationId).ToListAsync(cancellationToken);
        var isEditor = await IsEditorAsync();
        if (delegations.Count == 0 && !isEditor)
        {
            return NotFound();
        }

        if (OrganizationId is { } organization && !delegations.Contains(organization))
        {
            return await Refuse(slug, form, "You are not a delegate of that organization.", cancellationToken);
        }

        // A delegate of one organization speaks for it without having to say so.
        var speaksFor = OrganizationId ?? (delegations.Count == 1 ? delegations[0] : null);
        var outcome = await write(statement, account, speaksFor, cancellationToken);
        return outcome.Done
            ? Redirect($"/consultations/{slug}#p{Paragraph}")
            : await Refuse(slug, form, outcome.Error!, cancellationToken, outcome.Arguments);
    }

    private async Task<IActionResult> DecideAsync(string slug, Func<Statement, Amendment, Accounts.Account, CancellationToken, Task<Outcome>> decide, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        var amendment = statement is null ? null : await db.Amendments.FirstOrDefaultAsync(a => a.Id == AmendmentId && a.StatementId == statement.Id, cancellationToken);
        var account = await users.GetUserAsync(User);
        if (statement is null || amendment is null || account is null || !await IsEditorAsync())
        {
            return NotFound();
        }

        var outcome = await decide(statement, amendment, account, cancellationToken);
        return outcome.Done
            ? Redirect($"/consultations/{slug}#amendment-{amendment.Id}")
            : await Refuse(slug, $"amendment-{amendment.Id}", outcome.Error!, cancellationToken, outcome.Arguments);
    }

    private async Task<IActionResult> Refuse(string slug, string form, string error, CancellationToken cancellationToken, object[]? arguments = null)
    {
        ModelState.Clear();
        ModelState.AddModelError(form, localizer[error, arguments ?? []]);
        return await ShowAsync(slug, cancellationToken, StatusCodes.Status400BadRequest);
    }
}
