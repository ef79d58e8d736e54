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

        [StringLength(300, ErrorMessage = "The salutation is too long (at most {1} characters).")]
        public string? Salutation { get; set; }

        [StringLength(100, ErrorMessage = "The city of the dateline is too long (at most {1} characters).")]
        public string? DatelineCity { get; set; }

        [StringLength(100, ErrorMessage = "The country of the dateline is too long (at most {1} characters).")]
        public string? DatelineCountry { get; set; }

        [StringLength(4000, ErrorMessage = "The media contacts are too long (at most {1} characters).")]
        public string? MediaContacts { get; set; }

        [StringLength(8000, ErrorMessage = "The “about” block is too long (at most {1} characters).")]
        public string? About { get; set; }

        [StringLength(BodyMaxLength, ErrorMessage = "The text is too long (at most {1} characters).")]
        public string Body { get; set; } = "";

        /// <summary>Empty: the coalition speaks.</summary>
        public int? BylineOrganizationId { get; set; }

        [StringLength(1000, ErrorMessage = "Too many tags (at most {1} characters in all).")]
        public string? Tags { get; set; }

        [StringLength(500, ErrorMessage = "The image description is too long (at most {1} characters).")]
        public string? ImageAlt { get; set; }

        [StringLength(500, ErrorMessage = "The caption is too long (at most {1} characters).")]
        public string? ImageCaption { get; set; }

        [StringLength(200, ErrorMessage = "The credit is too long (at most {1} characters).")]
        public string? ImageCredit { get; set; }

        public bool RemoveImage { get; set; }
    }

    public const int ImageMaxBytes = 2 * 1024 * 1024;
    public const int MaxTags = 10;

    [BindProperty]
    public IFormFile? Image { get; set; }

    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];

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
            await LoadChoicesAsync(cancellationToken);
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
            Salutation = Statement.Salutation,
            DatelineCity = Statement.DatelineCity,
            DatelineCountry = Statement.DatelineCountry,
            MediaContacts = Statement.MediaContacts,
            About = Statement.About,
            Body = Statement.Body,
            Slug = Statement.Slug,
            BylineOrganizationId = Statement.BylineOrganizationId,
            Tags = string.Join(", ", await db.StatementTags.Where(t => t.StatementId == Statement.Id).OrderBy(t => t.Id).Select(t => t.Name).ToListAsync(cancellationToken)),
            ImageAlt = Statement.ImageAlt,
            ImageCaption = Statement.ImageCaption,
            ImageCredit = Statement.ImageCredit,
        };
        BaseRevision = Statement.CurrentRevision;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Statement = IsNew ? null : await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (!IsNew && Statement is null)
        {
            return NotFound();
        }

        await LoadChoicesAsync(cancellationToken);
        Validate();
        var tags = ParseTags();
        var image = await ReadImageAsync(cancellationToken);
        var newSlug = Blank(Form.Slug);
        if (Statement is not null && newSlug is not null && newSlug != Statement.Slug
            && (await db.Statements.AnyAsync(s => s.Slug == newSlug && s.Id != Statement.Id, cancellationToken)
                || await db.StatementSlugRedirects.AnyAsync(r => r.Slug == newSlug && r.StatementId != Statement.Id, cancellationToken)))
        {
            ModelState.AddModelError("Form.Slug", localizer["Another statement already uses the slug “{0}”.", newSlug]);
        }

        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var text = new StatementText(
            Form.Kind, Form.Language, Form.Title.Trim(), Blank(Form.Subtitle), Form.Body.Trim(),
            Blank(Form.Addressee), Blank(Form.Place), Form.LetterDate, Blank(Form.Subject),
            Blank(Form.Salutation), Blank(Form.DatelineCity), Blank(Form.DatelineCountry), Blank(Form.MediaContacts), Blank(Form.About));
        var author = await users.GetUserAsync(User);
        var result = Statement is null
            ? await save.CreateAsync(text, newSlug, author?.Id, author?.Email, cancellationToken)
            : await save.SaveAsync(Statement, text, BaseRevision, author?.Id, author?.Email, cancellationToken);
        switch (result.Outcome)
        {
            case SaveStatement.Outcome.SlugTaken:
                ModelState.AddModelError("Form.Slug", localizer["Another statement already uses the slug “{0}”.", result.Statement.Slug]);
                return Invalid();
            case SaveStatement.Outcome.Conflict:
                await ShowConflictAsync(cancellationToken);
                return Invalid(StatusCodes.Status409Conflict);
        }

        // What is not part of the signed text — byline, tags, image, address — is saved with it
        // but does not make a revision.
        var statement = result.Statement;
        statement.BylineOrganizationId = Form.BylineOrganizationId;
        await ApplyTagsAsync(statement, tags, cancellationToken);
        await ApplyImageAsync(statement, image, cancellationToken);
        if (newSlug is not null && newSlug != statement.Slug)
        {
            await RenameAsync(statement, newSlug, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{statement.Slug}/edit");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Organizations = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Acronym, o.SortKey }).ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal)
            .Select(o => (o.Id, o.Acronym is { Length: > 0 } a ? $"{o.Name} ({a})" : o.Name))
            .ToList();

    /// <summary>"Gaza, répression; Libertés" → three tags; their slugs are what lists filter on.</summary>
    private List<(string Name, string Slug)> ParseTags()
    {
        var tags = (Form.Tags ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => (Name: t, Slug: Text.TextKey.Slug(t, StatementTag.MaxLength)))
            .Where(t => t.Slug.Length > 0)
            .DistinctBy(t => t.Slug)
            .ToList();
        if (tags.Count > MaxTags)
        {
            ModelState.AddModelError("Form.Tags", localizer["At most {0} tags.", MaxTags]);
        }

        if (tags.Any(t => t.Name.Length > StatementTag.MaxLength))
        {
            ModelState.AddModelError("Form.Tags", localizer["A tag has at most {0} characters.", StatementTag.MaxLength]);
        }

        return tags;
    }

    private async Task ApplyTagsAsync(Statement statement, List<(string Name, string Slug)> tags, CancellationToken cancellationToken)
    {
        var existing = await db.StatementTags.Where(t => t.StatementId == statement.Id).ToListAsync(cancellationToken);
        db.StatementTags.RemoveRange(existing.Where(e => tags.All(t => t.Slug != e.Slug)));
        foreach (var (name, slug) in tags)
        {
            if (existing.FirstOrDefault(e => e.Slug == slug) is { } kept)
            {
                kept.Name = name;
            }
            else
            {
                db.StatementTags.Add(new StatementTag { StatementId = statement.Id, Name = name, Slug = slug });
            }
        }
    }

    private async Task<(byte[] Bytes, string Type)?> ReadImageAsync(CancellationToken cancellationToken)
    {
        if (Image is not { Length: > 0 })
        {
            return null;
        }

        if (Image.Length > ImageMaxBytes)
        {
            ModelState.AddModelError(nameof(Image), localizer["The image is too large: at most 2 MB."]);
            return null;
        }

        using var buffer = new MemoryStream();
        await Image.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (Coalitions.CoalitionLogoEndpoint.DetectImageType(bytes) is not { } type)
        {
            ModelState.AddModelError(nameof(Image), localizer["The image must be a PNG, JPEG or WebP file."]);
            return null;
        }

        if (string.IsNullOrWhiteSpace(Form.ImageAlt))
        {
            ModelState.AddModelError("Form.ImageAlt", localizer["Describe the image for people who cannot see it."]);
        }

        return (bytes, type);
    }

    private async Task ApplyImageAsync(Statement statement, (byte[] Bytes, string Type)? image, CancellationToken cancellationToken)
    {
        statement.ImageAlt = Blank(Form.ImageAlt);
        statement.ImageCaption = Blank(Form.ImageCaption);
        statement.ImageCredit = Blank(Form.ImageCredit);
        var stored = await db.StatementImages.FirstOrDefaultAsync(i => i.StatementId == statement.Id, cancellationToken);
        if (image is { } uploaded)
        {
            if (stored is null)
            {
                db.StatementImages.Add(new StatementImage { StatementId = statement.Id, Content = uploaded.Bytes });
            }
            else
            {
                stored.Content = uploaded.Bytes;
            }

            statement.ImageContentType = uploaded.Type;
            statement.ImageUpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        else if (Form.RemoveImage && stored is not null)
        {
            db.StatementImages.Remove(stored);
            statement.ImageContentType = null;
            statement.ImageUpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>A new address; the old one keeps answering with a permanent redirect, so links and feeds stay good.</summary>
    private async Task RenameAsync(Statement statement, string newSlug, CancellationToken cancellationToken)
    {
        if (await db.StatementSlugRedirects.FirstOrDefaultAsync(r => r.Slug == newSlug, cancellationToken) is { } back)
        {
            db.StatementSlugRedirects.Remove(back); // renamed back to an old address
        }

        db.StatementSlugRedirects.Add(new StatementSlugRedirect { Slug = statement.Slug, StatementId = statement.Id });
        audit.Record(AuditActions.StatementRevised, $"statement:{newSlug}", $"address changed from {statement.Slug}");
        statement.Slug = newSlug;
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

        if (Form.BylineOrganizationId is { } byline && Organizations.All(o => o.Id != byline))
        {
            ModelState.AddModelError("Form.BylineOrganizationId", localizer["Choose the organization from the list."]);
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
