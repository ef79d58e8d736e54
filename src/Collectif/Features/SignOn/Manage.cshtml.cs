using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.SignOn;

/// <summary>
/// /editor/statements/{slug}/sign-on — the secretariat opens the sign-on (who is asked, until
/// when, which consent rule) and follows it live: who answered what, who has not, by kind of
/// organization.
/// </summary>
public sealed class ManageModel(CollectifDb db, SignOnService signOns, CurrentCoalition coalitions, UserManager<Accounts.Account> users, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>One invited organization on the board.</summary>
    public sealed record Row(string Name, string Slug, OrganizationKind Kind, bool IsPartner, AnswerChoice? Answer, DateTime? AnsweredAt, string? Comment, SignatureKind? Signature, bool NeedsConfirmation);

    public Statement Statement { get; private set; } = null!;
    public SignOn? SignOn { get; private set; }
    public IReadOnlyList<Row> Board { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, bool Member)> Organizations { get; private set; } = [];
    public Coalition Coalition { get; private set; } = null!;

    [BindProperty]
    public bool AllMembers { get; set; } = true;

    [BindProperty]
    public List<int> Members { get; set; } = [];

    [BindProperty]
    public List<int> Partners { get; set; } = [];

    [BindProperty]
    public DateTime? Deadline { get; set; }

    [BindProperty]
    public ConsentRule Rule { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (Deadline is null)
        {
            return Refuse("Enter a date and a time.");
        }

        if (CurrentCoalition.ToUtc(Deadline.Value, Coalition) is not { } deadline)
        {
            return Refuse("This time does not exist in the coalition’s time zone (the clocks go forward); choose another.");
        }

        if (!Enum.IsDefined(Rule))
        {
            return Refuse("Choose a consent rule.");
        }

        var members = AllMembers ? Organizations.Where(o => o.Member).Select(o => o.Id).ToList() : Members.Where(id => Organizations.Any(o => o.Id == id && o.Member)).ToList();
        var partners = Partners.Where(id => Organizations.Any(o => o.Id == id && !o.Member)).ToList();
        var statement = await db.Statements.FirstAsync(s => s.Id == Statement.Id, cancellationToken);
        var outcome = await signOns.OpenAsync(statement, new SignOnService.Invitees(members, partners), deadline, Rule, (await users.GetUserAsync(User))?.Email, cancellationToken);
        return outcome.Done ? Redirect($"/editor/statements/{slug}/sign-on") : Refuse(outcome.Error!, outcome.Arguments);
    }

    private PageResult Refuse(string error, object[]? arguments = null)
    {
        ModelState.AddModelError("", localizer[error, arguments ?? []]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null)
        {
            return false;
        }

        Statement = statement;
        Coalition = await coalitions.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Organizations = (await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null)
                .Select(o => new { o.Id, o.Name, o.SortKey, Member = o.Memberships.Any(m => m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn >= today)) })
                .ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal).Select(o => (o.Id, o.Name, o.Member)).ToList();
        SignOn = await db.SignOns.AsNoTracking().Include(s => s.Invitations).ThenInclude(i => i.Organization).FirstOrDefaultAsync(s => s.StatementId == statement.Id, cancellationToken);
        if (SignOn is not null)
        {
            var answers = await db.SignOnAnswers.AsNoTracking().Where(a => a.SignOnId == SignOn.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
            var signatures = await db.StatementSignatories.AsNoTracking().Where(s => s.StatementId == statement.Id && s.WithdrawnAt == null && s.OrganizationId != null).ToListAsync(cancellationToken);
            Board = SignOn.Invitations.Select(i =>
            {
                var last = answers.LastOrDefault(a => a.OrganizationId == i.OrganizationId);
                var signature = signatures.FirstOrDefault(s => s.OrganizationId == i.OrganizationId);
                return new Row(i.Organization!.Name, i.Organization.Slug, i.Organization.Kind, i.IsPartner, last?.Choice, last?.AnsweredAt, last?.Comment, signature?.Kind,
                    signature?.ContentHash is { } hash && hash != statement.CurrentContentHash);
            }).OrderBy(r => Text.TextKey.Sort(r.Name), StringComparer.Ordinal).ToList();
        }

        return true;
    }
}
