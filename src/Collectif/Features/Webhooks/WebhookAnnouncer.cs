using System.Text.Json;
using Collectif.Data;
using Collectif.Features.Mobilizations;
using Collectif.Features.Organizations;
using Collectif.Features.Petitions;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Webhooks;

/// <summary>Wakes the webhook worker after deliveries are committed.</summary>
public sealed class WebhookSignal : WorkSignal;

/// <summary>
/// Turns what happened into one delivery per subscribed webhook, in the caller's unit of work: the
/// deliveries commit with the change they announce, or not at all (a transactional outbox), so a
/// crash can neither lose an announced event nor announce one that did not happen. The caller
/// saves, then calls <see cref="Notify"/>.
/// </summary>
public sealed class WebhookAnnouncer(CollectifDb db, TimeProvider clock, WebhookSignal signal, PublicUrl publicUrl)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Name(WebhookEvents kind) => kind switch
    {
        WebhookEvents.SignatureConfirmed => "signature.confirmed",
        WebhookEvents.OrganizationSigned => "organization.signed",
        WebhookEvents.StatementPublished => "statement.published",
        WebhookEvents.MobilizationStatusChanged => "mobilization.status_changed",
        _ => "ping",
    };

    public void Notify() => signal.Notify();

    /// <summary>Queues one event; <paramref name="dataFor"/> shapes it for each webhook (null: that webhook does not get it).</summary>
    public async Task RaiseAsync(WebhookEvents kind, Func<Webhook, object?> dataFor, CancellationToken cancellationToken, long? signatureId = null)
    {
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.DisabledAt == null && (w.Events & kind) == kind).ToListAsync(cancellationToken);
        var eventId = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var hook in hooks)
        {
            if (dataFor(hook) is not { } data)
            {
                continue;
            }

            var delivery = Delivery(hook.Id, Name(kind), eventId, now, data);
            delivery.SignatureId = signatureId;
            db.WebhookDeliveries.Add(delivery);
        }
    }

    public static WebhookDelivery Delivery(int webhookId, string name, string eventId, DateTime now, object data) => new()
    {
        WebhookId = webhookId,
        Event = name,
        EventId = eventId,
        Payload = JsonSerializer.Serialize(new { id = eventId, @event = name, occurredAt = now, data }, Json),
        CreatedAt = now,
        NextAttemptAt = now,
    };

    private string Url(string path) => publicUrl.Base + path;

    /// <summary>
    /// A signer's name and address go only to a webhook of the organization they agreed to hear
    /// from (or, for the coalition's own webhooks, to signers who agreed to hear from the coalition);
    /// every other webhook learns that a signature was confirmed, not by whom.
    /// </summary>
    public Task SignatureConfirmedAsync(Statement statement, PetitionSignature signature, string email, CancellationToken cancellationToken) =>
        RaiseAsync(WebhookEvents.SignatureConfirmed, hook =>
        {
            var consented = hook.OrganizationId is null
                ? signature.CoalitionOptInAt is not null
                : signature.OrganizationOptInAt is not null && signature.OrganizationOptInId == hook.OrganizationId;
            return new
            {
                petition = new { slug = statement.Slug, title = statement.Title, url = Url($"/statements/{statement.Slug}") },
                signature = new
                {
                    id = signature.Id,
                    confirmedAt = signature.ConfirmedAt,
                    ledgerEntry = signature.LedgerSequence,
                    country = signature.Country,
                    signer = consented
                        ? new { firstName = signature.FirstName, lastName = signature.LastName, email, postcode = signature.Postcode, optedInAt = hook.OrganizationId is null ? signature.CoalitionOptInAt : signature.OrganizationOptInAt }
                        : null,
                },
            };
        }, cancellationToken, signature.Id);

    /// <summary>
    /// Blanks the signer in the stored payloads about these signatures (withdrawn, erased on request,
    /// past retention), in the caller's unit of work. Deliveries still due go out without the signer:
    /// the event happened, the person asked to be forgotten.
    /// </summary>
    public static async Task ForgetSignersAsync(CollectifDb db, IReadOnlyCollection<long> signatureIds, CancellationToken cancellationToken)
    {
        var deliveries = await db.WebhookDeliveries.Where(d => d.SignatureId != null && signatureIds.Contains(d.SignatureId.Value)).ToListAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(delivery.Payload) is { } payload
                && payload["data"]?["signature"] is System.Text.Json.Nodes.JsonObject signature
                && signature["signer"] is not null)
            {
                signature["signer"] = null;
                delivery.Payload = payload.ToJsonString(Json);
            }
        }
    }

    public Task OrganizationSignedAsync(Statement statement, Organization organization, SignatureKind kind, int? ledgerEntry, CancellationToken cancellationToken) =>
        RaiseAsync(WebhookEvents.OrganizationSigned, _ => new
        {
            statement = new { slug = statement.Slug, title = statement.Title, url = Url($"/statements/{statement.Slug}") },
            organization = new { slug = organization.Slug, name = organization.Name, acronym = organization.Acronym },
            kind = kind.ToString(),
            ledgerEntry,
        }, cancellationToken);

    public Task StatementPublishedAsync(Statement statement, CancellationToken cancellationToken) =>
        RaiseAsync(WebhookEvents.StatementPublished, _ => new
        {
            statement = new { slug = statement.Slug, kind = statement.Kind.ToString(), language = statement.Language, title = statement.Title, publishedAt = statement.PublishedAt, url = Url($"/statements/{statement.Slug}"), api = Url($"/api/statements/{statement.Slug}") },
        }, cancellationToken);

    public Task MobilizationStatusChangedAsync(Mobilization mobilization, StatusChange change, Gathering? gathering, CancellationToken cancellationToken) =>
        RaiseAsync(WebhookEvents.MobilizationStatusChanged, _ => new
        {
            mobilization = new { slug = mobilization.Slug, title = mobilization.Title, url = Url($"/mobilizations/{mobilization.Slug}") },
            status = change.Status.ToString(),
            city = gathering?.City,
            at = change.At,
            authority = change.Authority,
            reason = change.Reason,
        }, cancellationToken);
}
