using Collectif.Data;
using Collectif.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press.Editor;

/// <summary>/editor/press/import: upload a contact file; its columns are checked on the next page before anything is imported.</summary>
[RequestSizeLimit(ContactCsv.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ContactCsv.MaxBytes + 64 * 1024)]
public sealed class ImportModel(CollectifDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public int? ListId { get; set; }

    public IReadOnlyList<PressList> Lists { get; private set; } = [];
    public IReadOnlyList<ContactImport> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        byte[]? bytes = null;
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose a CSV file."]);
        }
        else if (Upload.Length > ContactCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), localizer["The file is larger than 10 MB: split it into several files."]);
        }
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8)).StartsWith("PK\u0003\u0004"u8) || bytes.AsSpan(0, Math.Min(bytes.Length, 8)).StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            {
                ModelState.AddModelError(nameof(Upload), localizer["This is a spreadsheet file, not CSV: in the spreadsheet program, save it as “CSV”, then import that file."]);
            }
            else
            {
                var table = ContactCsv.Read(ContactCsv.Decode(bytes).Text);
                if (table.Problems.Any(p => p.Message == "TooManyRows"))
                {
                    ModelState.AddModelError(nameof(Upload), localizer["The file has more than {0} rows: split it into several files.", ContactCsv.MaxRows]);
                }
                else if (table.Rows.Count == 0)
                {
                    ModelState.AddModelError(nameof(Upload), localizer["The file has no rows under its header line."]);
                }
            }
        }

        if (ListId is { } listId && Lists.All(l => l.Id != listId))
        {
            ModelState.AddModelError(nameof(ListId), localizer["Choose lists from those shown."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var headers = ContactCsv.Read(ContactCsv.Decode(bytes!).Text, maxRows: 1).Headers;
        var import = new ContactImport
        {
            FileName = Path.GetFileName(Upload!.FileName) is { Length: > 0 and <= 260 } name ? name : "contacts.csv",
            Content = bytes,
            Mapping = string.Join(',', ContactCsv.GuessMapping(headers)),
            PressListId = ListId,
            Language = Web.Languages.Current,
            AccountId = int.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ContactImports.Add(import);
        audit.Record("press.import.uploaded", import.FileName, $"{bytes!.Length} bytes");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/press/import/{import.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Lists = await db.PressLists.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken);
        Recent = await db.ContactImports.AsNoTracking().OrderByDescending(i => i.Id).Take(10)
            .Select(i => new ContactImport { Id = i.Id, FileName = i.FileName, Status = i.Status, CreatedAt = i.CreatedAt, Created = i.Created, Merged = i.Merged, Skipped = i.Skipped, TotalRows = i.TotalRows })
            .ToListAsync(cancellationToken);
    }
}
