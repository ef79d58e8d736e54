using System.Text.Json;
using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Petitions.Admin;

/// <summary>
/// /admin/petitions/data-requests: a person asks what is kept about them, or to be erased. Found by
/// the keyed hash of their address (no address is stored in clear); export as JSON; erasure takes
/// their signatures out of the counts, leaves tombstones in the ledgers and empties their mail.
/// </summary>
public sealed class DataRequestsModel(CollectifDb db, PetitionService petitions, PetitionStats stats, IStringLocalizer<SharedResource> localizer) : PageModel
{
    // A file for a person to read: accents as themselves (it is a download, never HTML).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [BindProperty] public string? Email { get; set; }

    public IReadOnlyList<(PetitionSignature Signature, string Title)>? Found { get; private set; }
    public int? Erased { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        if (!Check())
        {
            return Page();
        }

        await FindAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        if (!Check())
        {
            return Page();
        }

        await FindAsync(cancellationToken);
        var export = Found!.Select(f => new
        {
            petition = f.Title,
            status = f.Signature.Status.ToString(),
            firstName = f.Signature.FirstName,
            lastName = f.Signature.LastName,
            email = petitions.EmailOf(f.Signature),
            postcode = f.Signature.Postcode,
            country = f.Signature.Country,
            comment = f.Signature.Comment,
            shownPublicly = f.Signature.Public,
            coalitionOptIn = f.Signature.CoalitionOptInAt is null ? null : new { at = f.Signature.CoalitionOptInAt, wording = f.Signature.CoalitionOptInWording },
            organizationOptIn = f.Signature.OrganizationOptInAt is null ? null : new { at = f.Signature.OrganizationOptInAt, wording = f.Signature.OrganizationOptInWording },
            network = f.Signature.NetworkPrefix,
            signedAt = f.Signature.CreatedAt,
            confirmedAt = f.Signature.ConfirmedAt,
            ledgerCommitment = f.Signature.Commitment,
        });
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Indented), "application/json", "personal-data.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!Check())
        {
            return Page();
        }

        var statements = (await petitions.FindByEmailAsync(Email!, cancellationToken)).Select(s => s.StatementId).Distinct().ToList();
        Erased = await petitions.EraseAsync(Email!, cancellationToken);
        statements.ForEach(stats.Forget);
        await FindAsync(cancellationToken);
        return Page();
    }

    private bool Check()
    {
        if (EmailAddress.Normalize(Email) is null)
        {
            ModelState.AddModelError(nameof(Email), localizer["Enter a valid e-mail address, such as name@example.org."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        return true;
    }

    private async Task FindAsync(CancellationToken cancellationToken)
    {
        var signatures = await petitions.FindByEmailAsync(Email!, cancellationToken);
        var ids = signatures.Select(s => s.StatementId).Distinct().ToList();
        var titles = await db.Statements.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        Found = signatures.Select(s => (s, titles.GetValueOrDefault(s.StatementId, "?"))).ToList();
    }
}
