using Collectif.Features.Organizations;

namespace Collectif.Features.Webhooks;

/// <summary>The events a webhook can subscribe to.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,

    /// <summary>A member of the public confirmed their signature on a petition (<c>signature.confirmed</c>).</summary>
    SignatureConfirmed = 1,

    /// <summary>An organization signed a statement: sign-on answer, silent consent or late signature (<c>organization.signed</c>).</summary>
    OrganizationSigned = 2,

    /// <summary>A statement went public, now or at its embargo (<c>statement.published</c>).</summary>
    StatementPublished = 4,

    /// <summary>A mobilization or one of its gatherings changed status (<c>mobilization.status_changed</c>).</summary>
    MobilizationStatusChanged = 8,
}

/// <summary>
/// A URL that receives events as signed JSON POSTs. It belongs to the coalition, or to one member
/// organization: then it only receives the personal data of signers who opted in to hear from
/// that organization (the coalition's: signers who opted in to the coalition).
/// </summary>
public class Webhook
{
    public const int UrlMaxLength = 2000;

    public int Id { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    public WebhookEvents Events { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>The signing secret, encrypted with the instance's data-protection keys (it must be readable to sign).</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>After a rotation, the former secret still signs (beside the new one) until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousProtectedSecret { get; set; }

    public DateTime? PreviousSecretUntil { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? DisabledAt { get; set; }
}

/// <summary>One event for one webhook: the durable queue and the delivery log at once.</summary>
public class WebhookDelivery
{
    public const int ErrorMaxLength = 500;

    public long Id { get; set; }
    public int WebhookId { get; set; }
    public Webhook? Webhook { get; set; }

    /// <summary><c>signature.confirmed</c>, <c>organization.signed</c>, <c>statement.published</c>, <c>mobilization.status_changed</c>, <c>ping</c>.</summary>
    public required string Event { get; set; }

    /// <summary>The same for every webhook that receives this event, and for redeliveries: receivers drop duplicates by it.</summary>
    public required string EventId { get; set; }

    /// <summary>The exact JSON body sent, fixed when the event happened (a signer's details are blanked when they are erased).</summary>
    public required string Payload { get; set; }

    /// <summary>For <c>signature.confirmed</c>: the petition signature it is about, so erasing the signer blanks them here too.</summary>
    public long? SignatureId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>Set when every retry failed; a person may redeliver.</summary>
    public DateTime? FailedAt { get; set; }

    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    /// <summary>While one worker sends it, others leave it alone (several instances on PostgreSQL).</summary>
    public DateTime? LeasedUntil { get; set; }
}
