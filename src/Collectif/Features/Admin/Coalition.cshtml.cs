using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Admin;

/// <summary>The coalition's names, descriptions, languages, time zone and logo.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 4 * 1024 * 1024)]
[RequestSizeLimit(5 * 1024 * 1024)]
public sealed class CoalitionModel(CollectifDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, Audit.AuditLog audit) : PageModel
{
    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public sealed class CoalitionForm
    {
        [Required(ErrorMessage = "Enter the name in French.")]
        [StringLength(300, ErrorMessage = "The name is too long (at most {1} characters).")]
        public string NameFr { get; set; } = "";

        [Required(ErrorMessage = "Enter the name in English.")]
        [StringLength(300, ErrorMessage = "The name is too long (at most {1} characters).")]
        public string NameEn { get; set; } = "";

        [Required(ErrorMessage = "Enter the acronym.")]
        [StringLength(40, ErrorMessage = "The acronym is too long (at most {1} characters).")]
        public string Acronym { get; set; } = "";

        [StringLength(2000, ErrorMessage = "The description is too long (at most {1} characters).")]
        public string? DescriptionFr { get; set; }

        [StringLength(2000, ErrorMessage = "The description is too long (at most {1} characters).")]
        public string? DescriptionEn { get; set; }

        [StringLength(20_000, ErrorMessage = "The editorial policy is too long (at most {1} characters).")]
        public string? EditorialPolicyFr { get; set; }

        [StringLength(20_000, ErrorMessage = "The editorial policy is too long (at most {1} characters).")]
        public string? EditorialPolicyEn { get; set; }

        public List<string> Languages { get; set; } = [];

        public string TimeZone { get; set; } = "Europe/Paris";

        public bool GroupSignatoriesByKind { get; set; }
    }

    [BindProperty]
    public CoalitionForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    [BindProperty]
    public bool RemoveLogo { get; set; }

    public bool HasLogo { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        Form = new CoalitionForm
        {
            NameFr = coalition.NameFr,
            NameEn = coalition.NameEn,
            Acronym = coalition.Acronym,
            DescriptionFr = coalition.DescriptionFr,
            DescriptionEn = coalition.DescriptionEn,
            EditorialPolicyFr = coalition.EditorialPolicyFr,
            EditorialPolicyEn = coalition.EditorialPolicyEn,
            Languages = [.. coalition.LanguageList],
            TimeZone = coalition.TimeZone,
            GroupSignatoriesByKind = coalition.GroupSignatoriesByKind,
        };
        HasLogo = coalition.LogoContentType is not null;
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.FirstAsync(cancellationToken);
        HasLogo = coalition.LogoContentType is not null;
        var languages = Form.Languages.Where(Web.Languages.Supported.Contains).Distinct().OrderBy(l => l == "fr" ? 0 : 1).ToList();
        if (languages.Count == 0)
        {
            ModelState.AddModelError("Form.Languages", localizer["Choose at least one language."]);
        }

        if (!TimeZones.Contains(Form.TimeZone))
        {
            ModelState.AddModelError("Form.TimeZone", localizer["Choose a time zone from the list."]);
        }

        byte[]? logo = null;
        string? logoType = null;
        if (Logo is { Length: > 0 })
        {
            if (Logo.Length > CoalitionLogoEndpoint.MaxBytes)
            {
                ModelState.AddModelError(nameof(Logo), localizer["The logo is too large: at most 512 KB."]);
            }
            else
            {
                using var buffer = new MemoryStream();
                await Logo.CopyToAsync(buffer, cancellationToken);
                switch (UploadedImages.Reencode(buffer.ToArray()))
                {
                    case ({ } image, _):
                        (logo, logoType) = (image.Bytes, image.ContentType);
                        break;
                    case (_, UploadedImages.Refusal.TooManyPixels):
                        ModelState.AddModelError(nameof(Logo), localizer["The image has too many pixels: at most 40 million."]);
                        break;
                    default:
                        ModelState.AddModelError(nameof(Logo), localizer["The logo must be a PNG, JPEG or WebP image."]);
                        break;
                }
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        coalition.NameFr = Form.NameFr.Trim();
        coalition.NameEn = Form.NameEn.Trim();
        coalition.Acronym = Form.Acronym.Trim();
        coalition.DescriptionFr = string.IsNullOrWhiteSpace(Form.DescriptionFr) ? null : Form.DescriptionFr.Trim();
        coalition.DescriptionEn = string.IsNullOrWhiteSpace(Form.DescriptionEn) ? null : Form.DescriptionEn.Trim();
        coalition.EditorialPolicyFr = string.IsNullOrWhiteSpace(Form.EditorialPolicyFr) ? null : Form.EditorialPolicyFr.Trim();
        coalition.EditorialPolicyEn = string.IsNullOrWhiteSpace(Form.EditorialPolicyEn) ? null : Form.EditorialPolicyEn.Trim();
        coalition.Languages = string.Join(',', languages);
        coalition.TimeZone = Form.TimeZone;
        coalition.GroupSignatoriesByKind = Form.GroupSignatoriesByKind;

        var stored = await db.CoalitionLogos.FirstOrDefaultAsync(cancellationToken);
        if (logo is not null && logoType is not null)
        {
            if (stored is null)
            {
                db.CoalitionLogos.Add(new CoalitionLogo { Content = logo });
            }
            else
            {
                stored.Content = logo;
            }

            coalition.LogoContentType = logoType;
            coalition.LogoUpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
        else if (RemoveLogo && stored is not null)
        {
            db.CoalitionLogos.Remove(stored);
            coalition.LogoContentType = null;
            coalition.LogoUpdatedAt = null;
        }

        audit.Record(Audit.AuditActions.SettingsChanged, "coalition", logo is not null ? "with a new logo" : RemoveLogo ? "logo removed" : null);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/coalition?saved=true");
    }
}
