using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Statements.Editor;

/// <summary>Write a statement (at /editor/statements/new) or a new revision of it; publish or take offline.</summary>
// Up to Kestrel's own request limit (30 MB), the form is read and an oversized text comes back
// with a message and the text kept, rather than a bare error page that loses it.
[RequestFormLimits(ValueLengthLimit = 32 * 1024 * 1024)]
public sealed partial class EditModel(CollectifDb db, SaveStatement save, StatementWorkflow workflow, Consultation.ConsultationService consultation, Email.OutboxSignal outbox, CurrentCoalition coalitions, UserManager<Accounts.Account> users, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
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

    /// <summary>Organizations that may issue a press release.</summary>
    public IReadOnlySet<int> VerifiedOrganizations { get; private set; } = new HashSet<int>();

    public Coalitions.Coalition Coalition { get; private set; } = null!;

    /// <summary>The other language versions, each with whether it lags behind its original.</summary>
    public IReadOnlyList<(string Slug, string Language, string Title, bool Stale)> Translations { get; private set; } = [];

    /// <summary>When this is a translation: its original.</summary>
    public Statement? Source { get; private set; }

    /// <summary>When this translation is stale: what changed in the original since it was last brought up to date.</summary>
    public IReadOnlyList<DiffSegment>? SourceChanges { get; private set; }

    /// <summary>Languages of the coalition this text has no version in yet.</summary>
    public IReadOnlyList<string> MissingLanguages { get; private set; } = [];

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
        Coalition = await coalitions.GetAsync(cancellationToken);
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
        await LoadTranslationsAsync(Statement, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Coalition = await coalitions.GetAsync(cancellationToken);
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

    private async Task LoadTranslationsAsync(Statement statement, CancellationToken cancellationToken)
    {
        var root = statement.TranslationOfId ?? statement.Id;
        var family = await db.Statements.AsNoTracking()
            .Where(s => s.Id == root || s.TranslationOfId == root)
            .Select(s => new { s.Id, s.Slug, s.Language, s.Title, s.TranslationOfId, s.TranslatedFromRevision, s.CurrentRevision })
            .ToListAsync(cancellationToken);
        var original = family.FirstOrDefault(f => f.Id == root);
        Translations = family.Where(f => f.Id != statement.Id)
            .Select(f => (f.Slug, f.Language, f.Title, f.TranslationOfId is not null && original is not null && original.CurrentRevision > (f.TranslatedFromRevision ?? 0)))
            .ToList();
        var coalition = await coalitions.GetAsync(cancellationToken);
        MissingLanguages = coalition.LanguageList.Where(l => family.All(f => f.Language != l)).ToList();
        if (statement.TranslationOfId is { } sourceId)
        {
            Source = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
            if (Source is not null && Source.CurrentRevision > (statement.TranslatedFromRevision ?? 0))
            {
                var revisions = await db.StatementRevisions.AsNoTracking()
                    .Where(r => r.StatementId == sourceId && (r.Number == statement.TranslatedFromRevision || r.Number == Source.CurrentRevision))
                    .ToListAsync(cancellationToken);
                var then = revisions.FirstOrDefault(r => r.Number == statement.TranslatedFromRevision);
                var now = revisions.First(r => r.Number == Source.CurrentRevision);
                SourceChanges = WordDiff.Compare(then is null ? "" : then.Title + "\n\n" + then.Body, now.Title + "\n\n" + now.Body);
            }
        }
    }

    [BindProperty]
    public string? TranslationLanguage { get; set; }

    /// <summary>Starts a translation: a draft in the other language, linked to this text, to be translated over its copy.</summary>
    public async Task<IActionResult> OnPostTranslateAsync(CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        var root = statement.TranslationOfId is { } id ? await db.Statements.AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken) : statement;
        var coalition = await coalitions.GetAsync(cancellationToken);
        var language = TranslationLanguage;
        if (language is null || !coalition.LanguageList.Contains(language)
            || await db.Statements.AnyAsync(s => (s.Id == root.Id || s.TranslationOfId == root.Id) && s.Language == language, cancellationToken))
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(TranslationLanguage), localizer["This text already has a version in that language, or the coalition does not publish in it."]);
            await OnGetAsync(cancellationToken);
            return Invalid();
        }

        var author = await users.GetUserAsync(User);
        var text = StatementText.Of(root) with { Language = language };
        var baseSlug = $"{root.Slug}-{language}";
        var slug = baseSlug;
        for (var n = 2; await db.Statements.AnyAsync(s => s.Slug == slug, cancellationToken) || await db.StatementSlugRedirects.AnyAsync(r => r.Slug == slug, cancellationToken); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        var created = await save.CreateAsync(text, slug, author?.Id, author?.Email, cancellationToken);
        created.Statement.TranslationOfId = root.Id;
        created.Statement.TranslatedFromRevision = root.CurrentRevision;
        created.Statement.BylineOrganizationId = root.BylineOrganizationId;
        audit.Record(AuditActions.StatementTranslationLinked, $"statement:{created.Statement.Slug}", $"translation ({language}) of {root.Slug}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{created.Statement.Slug}/edit");
    }

    /// <summary>The translator has carried the original's changes over: the translation is no longer stale.</summary>
    public async Task<IActionResult> OnPostTranslationUpToDateAsync(CancellationToken cancellationToken)
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (statement?.TranslationOfId is not { } sourceId)
        {
            return NotFound();
        }

        statement.TranslatedFromRevision = await db.Statements.Where(s => s.Id == sourceId).Select(s => s.CurrentRevision).FirstAsync(cancellationToken);
        audit.Record(AuditActions.StatementTranslationLinked, $"statement:{statement.Slug}", $"up to date with revision {statement.TranslatedFromRevision} of the original");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{statement.Slug}/edit");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        VerifiedOrganizations = (await db.Organizations.AsNoTracking().Where(o => o.VerifiedAt != null).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        Organizations = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Acronym, o.SortKey }).ToListAsync(cancellationToken))
            .OrderBy(o => o.SortKey, StringComparer.Ordinal)
            .Select(o => (o.Id, o.Acronym is { Length: > 0 } a ? $"{o.Name} ({a})" : o.Name))
            .ToList();
    }

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
        var (image, refusal) = UploadedImages.Reencode(buffer.ToArray());
        if (image is null)
        {
            ModelState.AddModelError(nameof(Image), refusal == UploadedImages.Refusal.TooManyPixels
                ? localizer["The image has too many pixels: at most 40 million."]
                : localizer["The image must be a PNG, JPEG or WebP file."]);
            return null;
        }

        if (string.IsNullOrWhiteSpace(Form.ImageAlt))
        {
            ModelState.AddModelError("Form.ImageAlt", localizer["Describe the image for people who cannot see it."]);
        }

        return (image.Bytes, image.ContentType);
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

    [BindProperty]
    public string? WithdrawalReason { get; set; }

    /// <summary>Publication time typed in the coalition's time zone.</summary>
    [BindProperty]
    public DateTime? PublishAt { get; set; }

    /// <summary>End of the consultation, in the coalition's time zone.</summary>
    [BindProperty]
    public DateTime? ConsultationDeadline { get; set; }

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) =>
        MoveAsync((s, c) => workflow.PublishAsync(s, c), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken cancellationToken) =>
        MoveAsync((s, c) => workflow.UnpublishAsync(s, c), cancellationToken);

    public Task<IActionResult> OnPostArchiveAsync(CancellationToken cancellationToken) =>
        MoveAsync((s, c) => workflow.ArchiveAsync(s, c), cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken) =>
        MoveAsync((s, c) => workflow.WithdrawAsync(s, WithdrawalReason, c), cancellationToken, nameof(WithdrawalReason));

    public Task<IActionResult> OnPostCloseConsultationAsync(CancellationToken cancellationToken) =>
        MoveAsync((s, c) => workflow.CloseConsultationAsync(s, c), cancellationToken);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken cancellationToken)
    {
        var at = await ToUtcAsync(PublishAt, nameof(PublishAt), cancellationToken);
        return await MoveAsync((s, c) => at is { } utc ? workflow.ScheduleAsync(s, utc, c) : Task.FromResult(Outcome.Refused("")), cancellationToken, nameof(PublishAt));
    }

    public async Task<IActionResult> OnPostOpenConsultationAsync(CancellationToken cancellationToken)
    {
        var deadline = await ToUtcAsync(ConsultationDeadline, nameof(ConsultationDeadline), cancellationToken);
        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        return await MoveAsync(
            (s, c) => deadline is not { } utc ? Task.FromResult(Outcome.Refused(""))
                : workflow.OpenConsultationAsync(s, utc, s.Status == StatementStatus.Draft ? t => consultation.QueueOpenedMailsAsync(s, baseUrl, t) : null, c),
            cancellationToken,
            nameof(ConsultationDeadline));
    }

    private async Task<DateTime?> ToUtcAsync(DateTime? local, string field, CancellationToken cancellationToken)
    {
        if (local is null)
        {
            ModelState.AddModelError(field, localizer["Enter a date and a time."]);
            return null;
        }

        var utc = CurrentCoalition.ToUtc(local.Value, await coalitions.GetAsync(cancellationToken));
        if (utc is null)
        {
            ModelState.AddModelError(field, localizer["This time does not exist in the coalition’s time zone (the clocks go forward); choose another."]);
        }

        return utc;
    }

    /// <summary>Applies a workflow move; a refusal shows the page again with the reason next to the form.</summary>
    private async Task<IActionResult> MoveAsync(Func<Statement, CancellationToken, Task<Outcome>> move, CancellationToken cancellationToken, string field = "Workflow")
    {
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Slug == Slug, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        // The text form is bound on every post but is not what this move is about: only the
        // move's own field counts.
        var errors = ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        ModelState.Clear();
        if (errors.Count == 0)
        {
            var outcome = await move(statement, cancellationToken);
            if (outcome.Done)
            {
                outbox.Notify();
                return Redirect($"/editor/statements/{statement.Slug}/edit");
            }

            errors.Add(localizer[outcome.Error ?? "", outcome.Arguments ?? []]);
        }

        errors.ForEach(e => ModelState.AddModelError(field, e));
        await OnGetAsync(cancellationToken);
        return Invalid();
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
        else if (Form.Kind == StatementKind.PressRelease && Form.BylineOrganizationId is { } issuer && !VerifiedOrganizations.Contains(issuer))
        {
            // Source transparency: a release goes to journalists under the coalition's name.
            ModelState.AddModelError("Form.BylineOrganizationId", localizer["Only a verified organization can issue a press release: verify the organization first, or issue it in the coalition's name."]);
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
