using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collectif.Features.Mobilizations;

/// <summary>/mobilizations/{slug} — the current status first, every city, the whole timeline, every turnout figure with its source.</summary>
public sealed class DetailsModel(MobilizationService service, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? AlertEmail { get; set; }

    public bool AlertRequested { get; private set; }

    /// <summary>Asks for e-mail alerts on status changes (confirmed by a mailed link).</summary>
    public async Task<IActionResult> OnPostSubscribeAsync(string slug, CancellationToken cancellationToken)
    {
        var result = await OnGetAsync(slug, cancellationToken);
        if (result is not PageResult)
        {
            return result;
        }

        ModelState.Clear();
        var outcome = await service.SubscribeAsync(Mobilization, AlertEmail, Web.Languages.Current, cancellationToken);
        if (!outcome.Done)
        {
            ModelState.AddModelError(nameof(AlertEmail), localizer[outcome.Error!]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        AlertRequested = true;
        return Page();
    }

    public Mobilization Mobilization { get; private set; } = null!;

    /// <summary>The status that matters most to someone going: the latest change, and the city it concerns when it concerns one.</summary>
    public StatusChange? Latest => Mobilization.StatusChanges.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).FirstOrDefault();

    public MobilizationStatus Current => Latest?.Status ?? MobilizationStatus.Announced;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var mobilization = await service.LoadAsync(slug, tracked: false, cancellationToken);
        if (mobilization is null || !mobilization.Published)
        {
            return NotFound();
        }

        Mobilization = mobilization;
        return Page();
    }

    /// <summary>A geo: link opens the visitor's own map app; no third-party map is embedded.</summary>
    public static string MapLink(Gathering g) => g.Latitude is { } lat && g.Longitude is { } lon
        ? $"geo:{lat.ToString(CultureInfo.InvariantCulture)},{lon.ToString(CultureInfo.InvariantCulture)}?q={Uri.EscapeDataString($"{g.PlaceName}, {g.City}")}"
        : $"geo:0,0?q={Uri.EscapeDataString(string.Join(", ", new[] { g.PlaceName, g.Address, g.City }.Where(p => !string.IsNullOrWhiteSpace(p))))}";

    /// <summary>schema.org Events, one per gathering, with eventStatus; JSON-escaped for the script element.</summary>
    public string JsonLd(string url) => System.Text.Json.JsonSerializer.Serialize(Mobilization.Gatherings.Select(g => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Event",
        ["name"] = $"{Mobilization.Title} — {g.City}",
        ["url"] = url,
        ["startDate"] = new DateTimeOffset(g.StartsAt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["endDate"] = g.EndsAt is { } end ? new DateTimeOffset(end).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
        ["eventStatus"] = g.Status switch
        {
            MobilizationStatus.Cancelled => "https://schema.org/EventCancelled",
            MobilizationStatus.Postponed => "https://schema.org/EventPostponed",
            MobilizationStatus.Moved => "https://schema.org/EventRescheduled",
            _ => "https://schema.org/EventScheduled",
        },
        ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
        ["location"] = new Dictionary<string, object?> { ["@type"] = "Place", ["name"] = g.PlaceName ?? g.City, ["address"] = string.Join(", ", new[] { g.Address, g.City }.Where(p => !string.IsNullOrWhiteSpace(p))) },
    }.Where(p => p.Value is not null).ToDictionary()));
}
