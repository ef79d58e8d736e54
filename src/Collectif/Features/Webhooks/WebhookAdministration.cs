using System.Security.Cryptography;
using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Webhooks;

/// <summary>What the administration pages do to webhooks: create (the secret shown once), rotate the secret, ping, redeliver, disable, delete.</summary>
public sealed class WebhookAdministration(CollectifDb db, IDataProtectionProvider protection, AuditLog audit, TimeProvider clock, WebhookSignal signal, IOptions<WebhookOptions> options)
{
    public sealed record Created(Webhook Webhook, string Secret);

    public async Task<(Created? Created, Outcome Outcome)> CreateAsync(string? url, string? description, WebhookEvents events, int? organizationId, string? createdBy, CancellationToken cancellationToken)
    {
        if (WebhookAddresses.ProblemWithUrl(url) is { } problem)
        {
            return (null, Outcome.Refused(problem));
        }

        var uri = new Uri(url!.Trim());
        // Names are checked again on every connection (WebhookAddresses.Handler); this catches the obvious at once.
        if (!options.Value.AllowPrivateNetworks
            && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && WebhookAddresses.IsPrivate(literal))))
        {
            return (null, Outcome.Refused("Webhooks may not call loopback or private network addresses on this instance."));
        }

        if (events == WebhookEvents.None || (events & ~(WebhookEvents.SignatureConfirmed | WebhookEvents.OrganizationSigned | WebhookEvents.StatementPublished | WebhookEvents.MobilizationStatusChanged)) != 0)
        {
            return (null, Outcome.Refused("Choose at least one event."));
        }

        if (description is { Length: > 200 })
        {
            return (null, Outcome.Refused("The description is too long (at most 200 characters)."));
        }

        if (organizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return (null, Outcome.Refused("This organization does not exist."));
        }

        var secret = NewSecret();
        var hook = new Webhook
        {
            Url = uri.ToString(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Events = events,
            OrganizationId = organizationId,
            ProtectedSecret = WebhookSender.Secrets(protection).Protect(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.Webhooks.Add(hook);
        audit.Record(AuditActions.WebhookCreated, hook.Url, events.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return (new Created(hook, secret), Outcome.Ok);
    }

    private static string NewSecret() => "whsec_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// A new signing secret, shown once. For <see cref="WebhookOptions.SecretOverlap"/> every delivery
    /// is signed with both (two <c>v1=</c> values), so the receiver can switch without losing any.
    /// </summary>
    public async Task<string> RotateSecretAsync(Webhook hook, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        hook.PreviousProtectedSecret = hook.ProtectedSecret;
        hook.PreviousSecretUntil = clock.GetUtcNow().UtcDateTime + options.Value.SecretOverlap;
        hook.ProtectedSecret = WebhookSender.Secrets(protection).Protect(secret);
        audit.Record(AuditActions.WebhookChanged, hook.Url, "new signing secret");
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>A <c>ping</c> event, to check the receiver and its signature check.</summary>
    public async Task PingAsync(Webhook hook, CancellationToken cancellationToken)
    {
        db.WebhookDeliveries.Add(WebhookAnnouncer.Delivery(hook.Id, "ping", Guid.NewGuid().ToString("N"), clock.GetUtcNow().UtcDateTime, new { webhook = hook.Id, events = hook.Events.ToString() }));
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }

    /// <summary>The same event (same id and body) once more, as a new line of the log.</summary>
    public async Task<bool> RedeliverAsync(Webhook hook, long deliveryId, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.WebhookId == hook.Id, cancellationToken);
        if (original is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.WebhookDeliveries.Add(new WebhookDelivery { WebhookId = hook.Id, Event = original.Event, EventId = original.EventId, Payload = original.Payload, SignatureId = original.SignatureId, CreatedAt = now, NextAttemptAt = now });
        audit.Record(AuditActions.WebhookRedelivered, hook.Url, $"delivery {deliveryId}");
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return true;
    }

    public async Task SetEnabledAsync(Webhook hook, bool enabled, CancellationToken cancellationToken)
    {
        hook.DisabledAt = enabled ? null : clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.WebhookChanged, hook.Url, enabled ? "enabled" : "disabled");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(Webhook hook, CancellationToken cancellationToken)
    {
        db.Webhooks.Remove(hook);
        audit.Record(AuditActions.WebhookDeleted, hook.Url);
        await db.SaveChangesAsync(cancellationToken);
    }
}
