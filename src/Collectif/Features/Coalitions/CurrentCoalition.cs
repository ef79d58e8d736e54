using System.Globalization;
using Collectif.Data;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Coalitions;

/// <summary>The coalition, loaded once per request, with its time zone for showing dates.</summary>
public sealed class CurrentCoalition(CollectifDb db)
{
    // The last one read, for the error page while the database is away (every page's layout shows it).
    private static volatile Coalition? s_lastKnown;

    private Coalition? _coalition;

    public async Task<Coalition> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_coalition is not null)
        {
            return _coalition;
        }

        try
        {
            _coalition = await db.Coalitions.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
                ?? new Coalition { Acronym = "Collectif", NameFr = "Collectif", NameEn = "Collectif" };
            s_lastKnown = _coalition;
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception))
        {
            _coalition = s_lastKnown ?? new Coalition { Acronym = "Collectif", NameFr = "Collectif", NameEn = "Collectif" };
        }

        return _coalition;
    }

    /// <summary>A stored UTC time as a date in the coalition's time zone and the reader's language ("5 novembre 2025").</summary>
    public static string Date(DateTime utc, Coalition coalition)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(coalition.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return Date(DateOnly.FromDateTime(local));
    }

    /// <summary>A stored UTC time as a clock time in the coalition's time zone ("14:05").</summary>
    public static string Time(DateTime utc, Coalition coalition)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(coalition.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A wall-clock time typed in the coalition's time zone, in UTC; null for a time that does not exist there (the spring-forward hour).</summary>
    public static DateTime? ToUtc(DateTime local, Coalition coalition) => ToUtc(local, coalition.TimeZone);

    /// <summary>A wall-clock time in an IANA zone (UTC when unknown), in UTC; null for a time the zone skips.</summary>
    public static DateTime? ToUtc(DateTime local, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>A stored UTC time as the value of a datetime-local field in the coalition's time zone.</summary>
    public static string LocalInput(DateTime utc, Coalition coalition)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(coalition.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly date) =>
        date.ToString(Languages.Current == "en" ? "MMMM d, yyyy" : "d MMMM yyyy", CultureInfo.CurrentCulture);
}
