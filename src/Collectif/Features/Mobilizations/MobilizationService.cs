using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Mobilizations;

/// <summary>
/// Every change to a mobilization: its gatherings, its status history and its turnout figures.
/// Each change raises the iCalendar SEQUENCE so calendar apps that imported it update their copy.
/// Refusals are English message keys for the page.
/// </summary>
public sealed class MobilizationService(CollectifDb db, TimeProvider clock, AuditLog audit, Email.OutboxSignal outbox, Web.PublicUrl publicUrl, Microsoft.Extensions.Localization.IStringLocalizerFactory localizers, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, Webhooks.WebhookAnnouncer webhooks)
{
    public const int MaxTurnout = 10_000_000;

    public sealed record GatheringInput(string? City, string? PlaceName, string? Address, DateTime? Start, DateTime? End, string? TimeZone, string? Latitude, string? Longitude, string? Route);

    public sealed record StatusInput(MobilizationStatus Status, int? GatheringId, DateTime? At, string? Source, string? Authority, string? OrderReference, string? Reason, string? DocumentUrl);

    public static bool IsKnownZone(string? zone) => zone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) && zone.Contains('/', StringComparison.Ordinal);

    /// <summary>A wall-clock time in a zone, as UTC; null when the zone does not have that time (spring forward).</summary>
    public static DateTime? ToUtc(DateTime local, string zone) => Coalitions.CurrentCoalition.ToUtc(local, zone);

    public static DateTime ToLocal(DateTime utc, string zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? info : TimeZoneInfo.Utc);

    public async Task<Outcome> AddGatheringAsync(Mobilization mobilization, GatheringInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.City) || input.City.Trim().Length > 100)
        {
            return Outcome.Refused("Enter the city (at most 100 characters).");
        }

        if (!IsKnownZone(input.TimeZone))
        {
            return Outcome.Refused("Choose a time zone from the list.");
        }

        if (input.Start is not { } start)
        {
            return Outcome.Refused("Enter the day and time it starts.");
        }

        var startsAt = ToUtc(start, input.TimeZone!);
        var endsAt = input.End is { } end ? ToUtc(end, input.TimeZone!) : null;
        if (startsAt is null || (input.End is not null && endsAt is null))
        {
            return Outcome.Refused("This time does not exist in that time zone (the clocks go forward); choose another.");
        }

        if (endsAt is { } e && e <= startsAt)
        {
            return Outcome.Refused("The end must come after the start.");
        }

        // Coordinates come as typed, with a point or a comma, whatever the page's language.
        var latitude = Coordinate(input.Latitude);
        var longitude = Coordinate(input.Longitude);
        if (latitude is double.NaN || longitude is double.NaN || latitude is < -90 or > 90 || longitude is < -180 or > 180 || (latitude is null != longitude is null))
        {
            return Outcome.Refused("Coordinates are a latitude (−90 to 90) and a longitude (−180 to 180), both or neither.");
        }

        if ((input.PlaceName?.Length ?? 0) > 200 || (input.Address?.Length ?? 0) > 300 || (input.Route?.Length ?? 0) > 2000)
        {
            return Outcome.Refused("The place, address or route is too long.");
        }

        mobilization.Gatherings.Add(new Gathering
        {
            City = input.City.Trim(),
            PlaceName = Blank(input.PlaceName),
            Address = Blank(input.Address),
            StartsAt = startsAt.Value,
            EndsAt = endsAt,
            TimeZone = input.TimeZone!,
            Latitude = latitude,
            Longitude = longitude,
            Route = Blank(input.Route),
        });
        Touch(mobilization);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    public async Task<Outcome> ChangeStatusAsync(Mobilization mobilization, StatusInput input, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(input.Status))
        {
            return Outcome.Refused("Choose a status.");
        }

        var gathering = input.GatheringId is { } id ? mobilization.Gatherings.FirstOrDefault(g => g.Id == id) : null;
        if (input.GatheringId is not null && gathering is null)
        {
            return Outcome.Refused("Choose a gathering of this mobilization.");
        }

        if (input.Status == MobilizationStatus.Banned && string.IsNullOrWhiteSpace(input.Authority))
        {
            return Outcome.Refused("Say who banned it (prefecture, ministry…).");
        }

        if (input.DocumentUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            return Outcome.Refused("The document must be a full address starting with https:// or http://.");
        }

        if ((input.Source?.Length ?? 0) > 300 || (input.Reason?.Length ?? 0) > 1000 || (input.Authority?.Length ?? 0) > 200 || (input.OrderReference?.Length ?? 0) > 100)
        {
            return Outcome.Refused("The source, authority, reference or reason is too long.");
        }

        var change = new StatusChange
        {
            Status = input.Status,
            GatheringId = gathering?.Id,
            At = input.At ?? clock.GetUtcNow().UtcDateTime,
            Source = Blank(input.Source),
            Authority = Blank(input.Authority),
            OrderReference = Blank(input.OrderReference),
            Reason = Blank(input.Reason),
            DocumentUrl = Blank(input.DocumentUrl),
        };
        mobilization.StatusChanges.Add(change);
        foreach (var target in gathering is null ? mobilization.Gatherings : [gathering])
        {
            target.Status = input.Status;
        }

        Touch(mobilization);
        await QueueAlertsAsync(mobilization, input.Status, gathering, cancellationToken);
        audit.Record(AuditActions.MobilizationStatusChanged, $"mobilization:{mobilization.Slug}", $"{input.Status}{(gathering is null ? "" : $" ({gathering.City})")}");
        if (mobilization.Published)
        {
            await webhooks.MobilizationStatusChangedAsync(mobilization, change, gathering, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        webhooks.Notify();
        return Outcome.Ok;
    }

    /// <summary>Removes a gathering entered by mistake (a real cancellation is a status, which keeps its history).</summary>
    public async Task<Outcome> RemoveGatheringAsync(Mobilization mobilization, int gatheringId, CancellationToken cancellationToken)
    {
        var gathering = mobilization.Gatherings.FirstOrDefault(g => g.Id == gatheringId);
        if (gathering is null)
        {
            return Outcome.Refused("Choose a gathering of this mobilization.");
        }

        foreach (var change in mobilization.StatusChanges.Where(c => c.GatheringId == gatheringId).ToList())
        {
            mobilization.StatusChanges.Remove(change);
        }

        mobilization.Gatherings.Remove(gathering);
        Touch(mobilization);
        audit.Record(AuditActions.MobilizationStatusChanged, $"mobilization:{mobilization.Slug}", $"gathering removed ({gathering.City})");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Removes a turnout figure entered by mistake.</summary>
    public async Task<Outcome> RemoveTurnoutAsync(Mobilization mobilization, int turnoutId, CancellationToken cancellationToken)
    {
        var gathering = mobilization.Gatherings.FirstOrDefault(g => g.Turnout.Any(t => t.Id == turnoutId));
        if (gathering is null)
        {
            return Outcome.Refused("This figure is not one of this mobilization's.");
        }

        gathering.Turnout.RemoveAll(t => t.Id == turnoutId);
        Touch(mobilization);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Asks for alerts: a confirmation link is mailed; nothing is sent before it is followed.</summary>
    public async Task<Outcome> SubscribeAsync(Mobilization mobilization, string? email, string language, CancellationToken cancellationToken)
    {
        email = email?.Trim().ToLowerInvariant();
        if (email is not { Length: > 3 and <= 254 } || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return Outcome.Refused("Enter a valid e-mail address.");
        }

        var existing = await db.MobilizationSubscriptions.FirstOrDefaultAsync(s => s.MobilizationId == mobilization.Id && s.Email == email, cancellationToken);
        if (existing?.ConfirmedAt is not null)
        {
            return Outcome.Ok; // already receiving alerts; say nothing more (no address enumeration)
        }

        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var hash = Statements.StatementRevision.Hash(token);
        if (existing is null)
        {
            db.MobilizationSubscriptions.Add(new MobilizationSubscription { MobilizationId = mobilization.Id, Email = email, TokenHash = hash, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            existing.TokenHash = hash;
        }

        var localizer = Web.FixedCultureLocalizer.For(localizers, language);
        var text = string.Join("\n\n", localizer["Hello,"], localizer["To receive an e-mail when the status of “{0}” changes (ban, new place, cancellation…), confirm with this link:", mobilization.Title],
            $"{publicUrl.Base}/mobilizations/alerts/{token}", localizer["If you did not ask for this, ignore this message: nothing will be sent."]);
        db.OutboxMessages.Add(Email.OutboxMessage.Create(email, localizer["Confirm your alerts for “{0}”", mobilization.Title], text, clock.GetUtcNow().UtcDateTime, reference: $"mobilization-alerts:{mobilization.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return Outcome.Ok;
    }

    private Microsoft.AspNetCore.DataProtection.IDataProtector StopLinks => protection.CreateProtector("Collectif.Mobilizations.Stop");

    /// <summary>A signed link that stops one subscriber's alerts (only the confirmation token's hash is stored).</summary>
    public string StopToken(int subscriptionId) => StopLinks.Protect(subscriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<MobilizationSubscription?> FindByStopTokenAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            var id = int.Parse(StopLinks.Unprotect(token), System.Globalization.CultureInfo.InvariantCulture);
            return await db.MobilizationSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    public Task<MobilizationSubscription?> FindSubscriptionAsync(string token, CancellationToken cancellationToken) =>
        token.Length is < 20 or > 100 ? Task.FromResult<MobilizationSubscription?>(null)
        : db.MobilizationSubscriptions.FirstOrDefaultAsync(s => s.TokenHash == Statements.StatementRevision.Hash(token), cancellationToken);

    /// <summary>Status alerts to confirmed subscribers, in the same unit of work as the change they announce.</summary>
    private async Task QueueAlertsAsync(Mobilization mobilization, MobilizationStatus status, Gathering? gathering, CancellationToken cancellationToken)
    {
        var subscribers = await db.MobilizationSubscriptions.AsNoTracking().Where(s => s.MobilizationId == mobilization.Id && s.ConfirmedAt != null).ToListAsync(cancellationToken);
        var localizer = Web.FixedCultureLocalizer.For(localizers, "fr");
        foreach (var subscriber in subscribers)
        {
            var what = localizer[StatusLabel(status)].Value + (gathering is null ? "" : $" ({gathering.City})");
            var text = string.Join("\n\n", localizer["Hello,"], localizer["“{0}”: {1}.", mobilization.Title, what],
                $"{publicUrl.Base}/mobilizations/{mobilization.Slug}", localizer["To stop these alerts:"] + $" {publicUrl.Base}/mobilizations/alerts/stop/{StopToken(subscriber.Id)}");
            db.OutboxMessages.Add(Email.OutboxMessage.Create(subscriber.Email, localizer["“{0}”: {1}", mobilization.Title, what], text, clock.GetUtcNow().UtcDateTime, reference: $"mobilization-alert:{mobilization.Id}:{mobilization.Sequence}:{subscriber.Id}"));
        }
    }

    public async Task<Outcome> AddTurnoutAsync(Mobilization mobilization, int gatheringId, TurnoutSource source, string? sourceName, string? low, string? high, string? link, CancellationToken cancellationToken)
    {
        var gathering = mobilization.Gatherings.FirstOrDefault(g => g.Id == gatheringId);
        if (gathering is null)
        {
            return Outcome.Refused("Choose a gathering of this mobilization.");
        }

        if (!Enum.IsDefined(source))
        {
            return Outcome.Refused("Choose who gives the figure.");
        }

        if (!TryFigure(low, out var lowValue) || (high is { Length: > 0 } && !TryFigure(high, out _)))
        {
            return Outcome.Refused("Turnout is a number of people, such as 30000 or 30 000.");
        }

        int? highValue = high is { Length: > 0 } && TryFigure(high, out var h) ? h : null;
        if (highValue is { } top && top < lowValue)
        {
            return Outcome.Refused("The upper figure must be at least the lower one.");
        }

        if (link is { Length: > 0 } && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            return Outcome.Refused("The link must be a full address starting with https:// or http://.");
        }

        gathering.Turnout.Add(new TurnoutEstimate { SourceKind = source, SourceName = Blank(sourceName), Low = lowValue, High = highValue, Link = Blank(link), At = clock.GetUtcNow().UtcDateTime });
        Touch(mobilization);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    private static double? Coordinate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    /// <summary>"30000", "30 000", "30,000", "30.000" (French and English thousands), "environ 30 000".</summary>
    public static bool TryFigure(string? text, out int value)
    {
        value = 0;
        var digits = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not (',' or '.' or '\u202F' or '\u00A0')).SkipWhile(c => !char.IsDigit(c)).ToArray());
        return digits.Length is > 0 and <= 9 && digits.All(char.IsDigit) && int.TryParse(digits, out value) && value is > 0 and <= MaxTurnout;
    }

    private void Touch(Mobilization mobilization)
    {
        mobilization.Sequence++;
        mobilization.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string StatusLabel(MobilizationStatus status) => status switch
    {
        MobilizationStatus.Announced => "Announced",
        MobilizationStatus.Declared => "Declared to the authorities",
        MobilizationStatus.Banned => "Banned",
        MobilizationStatus.Appealed => "Ban appealed",
        MobilizationStatus.BanSuspended => "Ban suspended",
        MobilizationStatus.Maintained => "Maintained",
        MobilizationStatus.Moved => "Moved",
        MobilizationStatus.Postponed => "Postponed",
        MobilizationStatus.Cancelled => "Cancelled",
        _ => "Held",
    };

    public static string KindLabel(MobilizationKind kind) => kind switch
    {
        MobilizationKind.Rally => "Rally",
        MobilizationKind.March => "March",
        MobilizationKind.Vigil => "Vigil",
        MobilizationKind.Strike => "Strike",
        MobilizationKind.Meeting => "Public meeting",
        _ => "Other action",
    };

    public static string SourceLabel(TurnoutSource source) => source switch
    {
        TurnoutSource.Organizers => "Organizers",
        TurnoutSource.Police => "Police",
        TurnoutSource.Media => "Media",
        _ => "Other source",
    };

    public async Task<Mobilization?> LoadAsync(string slug, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Mobilizations.Include(m => m.Gatherings).ThenInclude(g => g.Turnout)
            .Include(m => m.StatusChanges).ThenInclude(s => s.Gathering)
            .Include(m => m.Organizations).ThenInclude(o => o.Organization)
            .Include(m => m.Statements).ThenInclude(s => s.Statement)
            .AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken);
    }
}
