using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Features.Organizations;
using Collectif.Features.Statements.Import;
using Collectif.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Statements.Editor;

/// <summary>
/// /editor/statements/import — "bring the archive along": paste a text published elsewhere, review
/// what was found, and get a draft with its original date, letter or press blocks, byline and
/// initial signatories (through the registry's importer).
/// </summary>
[RequestFormLimits(ValueLengthLimit = 2 * ArchiveParser.MaxLength)]
public sealed class ImportModel(CollectifDb db, SaveStatement save, ImportSignatories signatories, CurrentCoalition coalitions, UserManager<Accounts.Account> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    public ArchiveDraft? Draft { get; private set; }
    public IReadOnlyList<ParsedSignatory> Signatories { get; private set; } = [];
    public Organization? Byline { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) =>
        await ParseAsync(cancellationToken) ? Page() : Refuse();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!await ParseAsync(cancellationToken))
        {
            return Refuse();
        }

        var draft = Draft!;
        var text = new StatementText(
            draft.Kind, draft.Language, Cut(draft.Title, Statement.TitleMaxLength)!, Cut(draft.Subtitle, Statement.TitleMaxLength), draft.Body,
            Cut(draft.Addressee, 1000), Cut(draft.Place, 200), draft.Date, Cut(draft.Subject, 1000), Cut(draft.Salutation, 300),
            Cut(draft.DatelineCity, 100), Cut(draft.DatelineCountry, 100), Cut(draft.MediaContacts, 4000));
        var author = await users.GetUserAsync(User);
        var slug = TextKey.Slug(draft.Title, 90);
        for (var n = 2; await db.Statements.AnyAsync(s => s.Slug == slug, cancellationToken) || await db.StatementSlugRedirects.AnyAsync(r => r.Slug == slug, cancellationToken); n++)
        {
            slug = $"{TextKey.Slug(draft.Title, 90)}-{n}";
        }

        var created = await save.CreateAsync(text, slug, author?.Id, author?.Email, cancellationToken);
        var statement = created.Statement;
        statement.BylineOrganizationId = Byline?.Id;
        if (draft.Date is { } date)
        {
            // The original date is kept: publishing the draft will not date it today.
            statement.PublishedAt = CurrentCoalition.ToUtc(date.ToDateTime(new TimeOnly(12, 0)), await coalitions.GetAsync(cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (draft.Signatories is { Length: > 0 } list)
        {
            await signatories.ApplyAsync(list, ImportTarget.Statement, statement.Slug, cancellationToken);
        }

        return Redirect($"/editor/statements/{statement.Slug}/edit");
    }

    private async Task<bool> ParseAsync(CancellationToken cancellationToken)
    {
        if (Text is { Length: > ArchiveParser.MaxLength })
        {
            ModelState.AddModelError(nameof(Text), localizer["The text is too long (at most {0} characters).", ArchiveParser.MaxLength]);
            return false;
        }

        Draft = ArchiveParser.Parse(Text);
        if (Draft is null)
        {
            ModelState.AddModelError(nameof(Text), localizer["Paste the text of the statement: its title, then its paragraphs."]);
            return false;
        }

        Signatories = SignatoryListParser.Parse(Draft.Signatories);
        if (Draft.Byline is { } byline && SignatoryListParser.Parse(byline).OfType<ParsedOrganization>().FirstOrDefault() is { } named)
        {
            var nameKey = TextKey.Normalize(named.Name);
            var acronymKey = TextKey.Normalize(named.Acronym ?? named.Name);
            var candidates = await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).ToListAsync(cancellationToken);
            Byline = candidates.FirstOrDefault(o => TextKey.Normalize(o.Name) == nameKey) ?? candidates.FirstOrDefault(o => o.Acronym != null && TextKey.Normalize(o.Acronym) == acronymKey);
        }

        return true;
    }

    private PageResult Refuse()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
