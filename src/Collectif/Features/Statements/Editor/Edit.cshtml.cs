using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Statements.Editor;

/// <summary>Write a statement (at /editor/statements/new) or a new revision of it; publish or take offline.</summary>
[RequestFormLimits(ValueLengthLimit = 4 * 1024 * 1024)]
public sealed partial class EditModel(CollectifDb db, SaveStatement save, UserManager<Accounts.Account> users, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int BodyMaxLength = 200_000;

    public sealed class StatementForm
    {
        public StatementKind Kind { get; set; }

        public string Language { get; set; } = "fr";

        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(Statement.TitleMaxLength, ErrorMessage = "The title is too long (at most {1} characters).")]
        public string Title { get; set; } = "";

        [StringLength(Statement.TitleMaxLength, ErrorMessage = "The subtitle is too long (at most {1} characters).")]
        public string? Subtitle { get; set; }

        [StringLength(100, ErrorMessage = "The slug is too long (at most {1} characters).")]
        public string? Slug { get; set; }

        [StringLength(1000, ErrorMessage = "The addressee is too long (at most {1} characters).")]
        public string? Addressee { get; set; }

        [StringLength(200, ErrorMessage = "The place is too long (at most {1} characters).")]
        public string? Place { get; set; }

        public DateOnly? LetterDate { get; set; }

        [StringLength(1000, ErrorMessage = "The subject is too long (at most {1} characters).")]
        public string? Subject { get; set; }

        [StringLength(BodyMaxLength, ErrorMessage = "The text is too long (at most {1} characters).")]
        public string Body { get; set; } = "";
    }

    [BindProperty]
    public StatementForm Form { get; set; } = new();

    [BindProperty]
    public int BaseRevision { get; set; }

    [FromRoute]
    public string? Slug { get; set; }

    public bool IsNew => Slug is null;
    public Statement? Statement { get; private set; }
    public StatementRevision? Conflict { get; private set; }
    public IReadOnlyList<DiffSegment> ConflictDiff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
        {
            return Page();
        }

        Statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (Statement is null)
        {
            return NotFound();
        }

        Form = new StatementForm
        {
            Kind = Statement.Kind,
            Language = Statement.Language,
            Title = Statement.Title,
            Subtitle = Statement.Subtitle,
            Addressee = Statement.Addressee,
            Place = Statement.Place,
            LetterDate = Statement.LetterDate,
            Subject = Statement.Subject,
            Body = Statement.Body,
        };
        BaseRevision = Statement.CurrentRevision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Statement = IsNew ? null : await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (!IsNew && Statement is null)
        {
            return NotFound();
        }

        Validate();
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var text = new StatementText(Form.Kind, Form.Language, Form.Title.Trim(), Blank(Form.Subtitle), Form.Body.Trim(), Blank(Form.Addressee), Blank(Form.Place), Form.LetterDate, Blank(Form.Subject));
        var author = await users.GetUserAsync(User);
        var result = Statement is null
            ? await save.CreateAsync(text, Blank(Form.Slug), author?.Id, author?.Email, cancellationToken)
            : await save.SaveAsync(Statement, text, BaseRevision, author?.Id, author?.Email, cancellationToken);
        switch (result.Outcome)
        {
            case SaveStatement.Outcome.SlugTaken:
                ModelState.AddModelError("Form.Slug", localizer["Another statement already uses the slug “{0}”.", result.Statement.Slug]);
                return Invalid();
            case SaveStatement.Outcome.Conflict:
                await ShowConflictAsync(cancellationToken);
                return Invalid(StatusCodes.Status409Conflict);
            default:
                return Redirect($"/editor/statements/{result.Statement.Slug}/edit");
        }
    }

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => SetStatusAsync(StatementStatus.Published, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken cancellationToken) => SetStatusAsync(StatementStatus.Draft, cancellationToken);

    [BindProperty]
    public string? WithdrawalReason { get; set; }

    /// <summary>A published text is withdrawn publicly: its address stays, with the date and reason instead of the text.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        var reason = Blank(WithdrawalReason);
        if (statement.Status != StatementStatus.Published || reason is null || reason.Length > 1000)
        {
            ModelState.AddModelError(nameof(WithdrawalReason), statement.Status != StatementStatus.Published
                ? localizer["Only a published statement can be withdrawn."]
                : localizer["Say in a few words why it is withdrawn (at most 1,000 characters); readers will see it."]);
            Statement = statement;
            await OnGetAsync(cancellationToken);
            return Invalid();
        }

        statement.Status = StatementStatus.Withdrawn;
        statement.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        statement.WithdrawalReason = reason;
        audit.Record(AuditActions.StatementWithdrawn, $"statement:{statement.Slug}", reason);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{statement.Slug}/edit");
    }

    private async Task<IActionResult> SetStatusAsync(StatementStatus status, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        statement.Status = status;
        statement.PublishedAt ??= status == StatementStatus.Published ? clock.GetUtcNow().UtcDateTime : null;
        audit.Record(status == StatementStatus.Published ? AuditActions.StatementPublished : AuditActions.StatementUnpublished, $"statement:{statement.Slug}", $"revision {statement.CurrentRevision}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{statement.Slug}/edit");
    }

    private void Validate()
    {
        if (!Enum.IsDefined(Form.Kind))
        {
            ModelState.AddModelError("Form.Kind", localizer["Choose a kind of statement."]);
        }

        if (Form.Language is not ("fr" or "en"))
        {
            ModelState.AddModelError("Form.Language", localizer["Choose French or English."]);
        }

        if (string.IsNullOrWhiteSpace(Form.Title))
        {
            ModelState.AddModelError("Form.Title", localizer["Enter a title."]);
        }

        if (Blank(Form.Slug) is { } slug && !SlugPattern().IsMatch(slug))
        {
            ModelState.AddModelError("Form.Slug", localizer["The slug may only contain lower-case letters, digits and single hyphens."]);
        }
    }

    /// <summary>The current revision against the one the editor started from: what they missed.</summary>
    private async Task ShowConflictAsync(CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstAsync(s => s.Slug == Slug, cancellationToken);
        Conflict = await db.StatementRevisions.AsNoTracking().FirstAsync(r => r.StatementId == statement.Id && r.Number == statement.CurrentRevision, cancellationToken);
        var started = await db.StatementRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.StatementId == statement.Id && r.Number == BaseRevision, cancellationToken);
        ConflictDiff = WordDiff.Compare(started?.Body ?? "", Conflict.Body);
        Statement = statement;
        BaseRevision = statement.CurrentRevision; // saving again now is deliberate
        ModelState.Remove(nameof(BaseRevision));
    }

    private PageResult Invalid(int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
