using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

public sealed class IndexModel(CollectifDb db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? KindText { get; set; }

    public int PageNumber { get; private set; } = 1;

    public OrganizationKind? Kind { get; private set; }
    public IReadOnlyList<OrganizationSummary> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(KindText))
        {
            if (!Enum.TryParse<OrganizationKind>(KindText, out var kind) || !Enum.IsDefined(kind) || int.TryParse(KindText, out _))
            {
                Error = "Unknown kind of organization.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Kind = kind;
        }

        if (Q is { Length: > OrganizationQueries.MaxSearchLength })
        {
            Error = "The search is too long.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Read from the query string itself: model binding would take Razor Pages' own "page" route value.
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 1;
        var query = db.Organizations.AsNoTracking().Search(Q, Kind);
        Total = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Items = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize).AsSummary().ToListAsync(cancellationToken);
        return Page();
    }

    public string PageUrl(int page) =>
        "/organizations" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["kind"] = Kind?.ToString(),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToUriComponent();
}
