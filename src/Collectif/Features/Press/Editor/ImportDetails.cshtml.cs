using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

public sealed record PreviewRow(int Line, ContactRow? Contact, RowProblem? Problem);

/// <summary>
/// /editor/press/import/{id}: the columns as guessed, to confirm or change, with the first rows as
/// they would be imported and how many lines would be skipped; then the progress of the import.
/// </summary>
public sealed class ImportDetailsModel(CollectifDb db, ContactImportWorker worker, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PreviewRows = 10;

    public ContactImport Import { get; private set; } = null!;
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public IReadOnlyList<string[]> Samples { get; private set; } = [];
    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];
    public int Valid { get; private set; }
    public int Invalid { get; private set; }
    public string Encoding { get; private set; } = "";
    public char Separator { get; private set; }
    public string? ListName { get; private set; }

    [BindProperty] public List<ContactField> Mapping { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Mapping = Import.Fields.ToList();
        Analyse();
        return Page();
    }

    /// <summary>Shows the rows again with the columns as now chosen.</summary>
    public async Task<IActionResult> OnPostCheckAsync(int id, CancellationToken cancellationToken) => await SaveMappingAsync(id, start: false, cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(int id, CancellationToken cancellationToken) => await SaveMappingAsync(id, start: true, cancellationToken);

    private async Task<IActionResult> SaveMappingAsync(int id, bool start, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Import.Status != ImportStatus.Preview)
        {
            return Redirect($"/editor/press/import/{id}");
        }

        Headers = Import.Content is null ? [] : ContactCsv.Read(ContactCsv.Decode(Import.Content).Text, maxRows: 1).Headers;
        if (Mapping.Count != Headers.Count || Mapping.Any(f => !Enum.IsDefined(f)))
        {
            ModelState.AddModelError(nameof(Mapping), localizer["Choose what each column holds from the list."]);
            Mapping = Import.Fields.ToList();
        }
        else if (ContactCsv.MappingProblem(Mapping) is { } problem)
        {
            ModelState.AddModelError(nameof(Mapping), Describe(problem));
        }

        Analyse();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var tracked = await db.ContactImports.SingleAsync(i => i.Id == id, cancellationToken);
        tracked.Mapping = string.Join(',', Mapping);
        if (start)
        {
            tracked.Status = ImportStatus.Running;
            tracked.TotalRows = Valid + Invalid;
            tracked.Language = Web.Languages.Current;
            audit.Record("press.import.started", tracked.FileName, $"{tracked.TotalRows} rows");
        }

        await db.SaveChangesAsync(cancellationToken);
        if (start)
        {
            worker.Enqueue(id);
            return Redirect($"/editor/press/import/{id}");
        }

        Import = tracked;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var import = await db.ContactImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return false;
        }

        Import = import;
        if (import.PressListId is { } listId)
        {
            ListName = await db.PressLists.Where(l => l.Id == listId).Select(l => l.Name).SingleOrDefaultAsync(cancellationToken);
        }

        return true;
    }

    private void Analyse()
    {
        if (Import.Content is null)
        {
            return;
        }

        var (text, encoding) = ContactCsv.Decode(Import.Content);
        var table = ContactCsv.Read(text);
        Encoding = encoding;
        Separator = table.Separator;
        Headers = table.Headers;
        Samples = table.Rows.Take(3).Select(r => r.Fields).ToList();
        if (Mapping.Count != Headers.Count)
        {
            Mapping = [.. ContactCsv.GuessMapping(Headers)];
        }

        var preview = new List<PreviewRow>();
        foreach (var (line, fields) in table.Rows)
        {
            var (row, problem) = ContactCsv.ToContact(line, fields, Mapping);
            if (row is null)
            {
                Invalid++;
            }
            else
            {
                Valid++;
            }

            if (preview.Count < PreviewRows || (row is null && preview.Count(p => p.Problem is not null) < PreviewRows))
            {
                preview.Add(new PreviewRow(line, row, problem));
            }
        }

        Preview = preview;
    }

    public string Describe(RowProblem problem) => problem.Argument is { } argument ? localizer[problem.Message, argument] : localizer[problem.Message];

    public static string FieldLabel(ContactField field) => field switch
    {
        ContactField.Email => "E-mail",
        ContactField.Name => "Name",
        ContactField.FirstName => "First name",
        ContactField.LastName => "Last name",
        ContactField.Outlet => "Outlet",
        ContactField.Role => "Role",
        ContactField.Phone => "Phone",
        ContactField.Languages => "Languages",
        ContactField.Topics => "Topics",
        ContactField.Notes => "Notes",
        _ => "Do not import",
    };
}
