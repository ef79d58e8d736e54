using Collectif.Data;
using Collectif.Web;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Mobilizations;

/// <summary>
/// iCalendar feeds (RFC 5545, written by Ical.Net): all mobilizations, one, or one city. Times
/// carry their TZID with a VTIMEZONE, cancellations say STATUS:CANCELLED, and SEQUENCE rises with
/// every change so calendar apps replace what they imported.
/// </summary>
public static class CalendarEndpoints
{
    public static void MapMobilizationCalendars(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/mobilizations.ics", (CollectifDb db, HttpContext context, CancellationToken cancellationToken) =>
            CalendarAsync(db, context, null, null, cancellationToken)).ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/mobilizations/{slug}.ics", (string slug, CollectifDb db, HttpContext context, CancellationToken cancellationToken) =>
            CalendarAsync(db, context, slug, null, cancellationToken)).ExcludeFromDescription().CachedForThePublic();
        endpoints.MapGet("/mobilizations/cities/{city}.ics", (string city, CollectifDb db, HttpContext context, CancellationToken cancellationToken) =>
            CalendarAsync(db, context, null, city, cancellationToken)).ExcludeFromDescription().CachedForThePublic();
    }

    private static async Task<IResult> CalendarAsync(CollectifDb db, HttpContext context, string? slug, string? city, CancellationToken cancellationToken)
    {
        var query = db.Mobilizations.AsNoTracking().Include(m => m.Gatherings).Where(m => m.Published);
        if (slug is not null)
        {
            query = query.Where(m => m.Slug == slug);
        }

        var mobilizations = await query.OrderByDescending(m => m.Id).Take(500).ToListAsync(cancellationToken);
        if (slug is not null && mobilizations.Count == 0)
        {
            return Results.Problem(statusCode: 404, title: "Mobilization not found", detail: $"No mobilization has the slug '{slug}'.");
        }

        var gatherings = mobilizations.SelectMany(m => m.Gatherings.Select(g => (Mobilization: m, Gathering: g)))
            .Where(x => city is null || Text.TextKey.Normalize(x.Gathering.City) == Text.TextKey.Normalize(city))
            .ToList();
        if (city is not null && gatherings.Count == 0)
        {
            return Results.Problem(statusCode: 404, title: "No mobilization in this city", detail: $"No gathering is announced in '{city}'.");
        }

        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var calendar = new Calendar { ProductId = "-//Collectif//Mobilizations//FR" };
        calendar.AddProperty("X-WR-CALNAME", slug is null ? city is null ? "Mobilisations" : $"Mobilisations — {city}" : mobilizations[0].Title);
        foreach (var zone in gatherings.Select(x => x.Gathering.TimeZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }

        foreach (var (mobilization, gathering) in gatherings)
        {
            var url = $"{baseUrl}/mobilizations/{mobilization.Slug}";
            var start = MobilizationService.ToLocal(gathering.StartsAt, gathering.TimeZone);
            var end = MobilizationService.ToLocal(gathering.EndsAt ?? gathering.StartsAt.AddHours(2), gathering.TimeZone);
            var item = new CalendarEvent
            {
                Uid = $"gathering-{gathering.Id}@{context.Request.Host.Host}",
                Summary = $"{mobilization.Title} — {gathering.City}",
                Description = string.Join("\n", new[] { MobilizationService.StatusLabel(gathering.Status), mobilization.Description, url }.Where(t => !string.IsNullOrWhiteSpace(t))),
                Location = string.Join(", ", new[] { gathering.PlaceName, gathering.Address, gathering.City }.Where(t => !string.IsNullOrWhiteSpace(t))),
                DtStart = new CalDateTime(start, gathering.TimeZone),
                DtEnd = new CalDateTime(end, gathering.TimeZone),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(mobilization.UpdatedAt, DateTimeKind.Utc)),
                Sequence = mobilization.Sequence,
                Status = gathering.Status switch
                {
                    MobilizationStatus.Cancelled => EventStatus.Cancelled,
                    MobilizationStatus.Banned or MobilizationStatus.Appealed or MobilizationStatus.Postponed => EventStatus.Tentative,
                    _ => EventStatus.Confirmed,
                },
                Url = new Uri(url),
            };
            if (gathering.Latitude is { } lat && gathering.Longitude is { } lon)
            {
                item.GeographicLocation = new GeographicLocation(lat, lon);
            }

            calendar.Events.Add(item);
        }

        context.Response.Headers.ContentDisposition = $"inline; filename=\"{slug ?? city ?? "mobilizations"}.ics\"";
        return Results.Text(new CalendarSerializer().SerializeToString(calendar)!, "text/calendar; charset=utf-8");
    }
}
