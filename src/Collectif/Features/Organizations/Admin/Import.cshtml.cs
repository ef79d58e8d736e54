using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Organizations.Admin;

/// <summary>Paste a list, preview how it matches the registry, then apply. Nothing is written by a preview.</summary>
public sealed class ImportModel(CollectifDb db, ImportSignatories import, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record StatementChoice(string Slug, string Title);

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public ImportTarget Target { get; set; } = ImportTarget.Members;

    [BindProperty]
    public string? StatementSlug { get; set; }

    public IReadOnlyList<StatementChoice> Statements { get; private set; } = [];
    public ImportPreview? Preview { get; private set; }
    public ImportResult? Result { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadStatementsAsync(cancellationToken);

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) =>
        RunAsync(async () => Preview = await import.PreviewAsync(Text!, Target, StatementSlug, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken) =>
        RunAsync(async () => Preview = (Result = await import.ApplyAsync(Text!, Target, StatementSlug, cancellationToken)).Preview, cancellationToken);

    /// <summary>Preview and apply validate the same way and report the same errors.</summary>
    private async Task<IActionResult> RunAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        await LoadStatementsAsync(cancellationToken);
        if (!Validate())
        {
            return Invalid();
        }

        try
        {
            await action();
        }
        catch (StatementNotFoundException)
        {
            ModelState.AddModelError(nameof(StatementSlug), localizer["Choose the statement the signatories signed."]);
            return Invalid();
        }

        if (Preview is { Rows.Count: 0 })
        {
            ModelState.AddModelError(nameof(Text), localizer["No signatory was found in this text."]);
            return Invalid();
        }

        return Page();
    }

    private bool Validate()
    {
        if (!Enum.IsDefined(Target))
        {
            ModelState.AddModelError(nameof(Target), localizer["Choose what to import the list as."]);
        }

        if (string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), localizer["Paste a signatory list first."]);
        }
        else if (Text.Length > SignatoryListParser.MaxLength)
        {
            ModelState.AddModelError(nameof(Text), localizer["The list is too long: at most {0} characters at a time.", SignatoryListParser.MaxLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
        }
        else if (LooksBinary(Text))
        {
            ModelState.AddModelError(nameof(Text), localizer["This does not look like text. Paste the list itself, not the contents of a file such as a PDF."]);
        }

        if (Target == ImportTarget.Statement && string.IsNullOrEmpty(StatementSlug))
        {
            ModelState.AddModelError(nameof(StatementSlug), localizer["Choose the statement the signatories signed."]);
        }

        return ModelState.IsValid;
    }

    /// <summary>NUL bytes or many control characters: a file's bytes pasted as text.</summary>
    private static bool LooksBinary(string text)
    {
        var control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        return text.Contains('\0') || control > text.Length / 20;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Preview = null;
        Result = null;
        return Page();
    }

    private async Task LoadStatementsAsync(CancellationToken cancellationToken) =>
        Statements = await db.Statements.AsNoTracking().OrderByDescending(s => s.CreatedAt).Select(s => new StatementChoice(s.Slug, s.Title)).ToListAsync(cancellationToken);
}
