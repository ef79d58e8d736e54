using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Collectif.Data;

namespace Collectif.Features.Audit;

/// <summary>
/// One line of the audit log: who did what, when, from where. Entries are only ever added; the
/// DbContext refuses to update or delete them.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public string? ActorEmail { get; set; }

    /// <summary>"account.invited", "organization.merged"…: see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to ("organization:cgt", "account:alex@example.org").</summary>
    public string? Subject { get; set; }

    public string? Details { get; set; }

    /// <summary>The client's network, not its address: IPv4 /24, IPv6 /48.</summary>
    public string? Network { get; set; }

    /// <summary>Keeps enough of an address to spot a pattern, not enough to identify a person.</summary>
    public static string? Truncate(IPAddress? address, int ipv6Bits = 48)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : ipv6Bits / 8;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return $"{new IPAddress(bytes)}/{keep * 8}";
    }
}

public static class AuditActions
{
    public const string AccountInvited = "account.invited";
    public const string AccountCreated = "account.created";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string RecoveryCodesRenewed = "account.recovery-codes-renewed";
    public const string PasswordReset = "account.password-reset";
    public const string SignedOutEverywhere = "account.signed-out-everywhere";
    public const string AccountRolesChanged = "account.roles-changed";
    public const string AccountBlocked = "account.blocked";
    public const string AccountUnblocked = "account.unblocked";
    public const string TwoFactorReset = "account.two-factor-reset";
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationEdited = "organization.edited";
    public const string OrganizationsMerged = "organization.merged";
    public const string OrganizationVerified = "organization.verified";
    public const string SignatoriesImported = "signatories.imported";
    public const string SettingsChanged = "settings.changed";
    public const string StatementCreated = "statement.created";
    public const string StatementRevised = "statement.revised";
    public const string StatementPublished = "statement.published";
    public const string StatementUnpublished = "statement.unpublished";
    public const string StatementWithdrawn = "statement.withdrawn";
    public const string StatementScheduled = "statement.scheduled";
    public const string StatementArchived = "statement.archived";
    public const string StatementConsultationOpened = "statement.consultation-opened";
    public const string StatementConsultationClosed = "statement.consultation-closed";
    public const string StatementTranslationLinked = "statement.translation-linked";
    public const string AmendmentProposed = "amendment.proposed";
    public const string AmendmentAccepted = "amendment.accepted";
    public const string AmendmentRejected = "amendment.rejected";
    public const string AmendmentsFrozen = "amendments.frozen";
    public const string SignOnOpened = "sign-on.opened";
    public const string SignOnAnswered = "sign-on.answered";
    public const string SignOnClosed = "sign-on.closed";
    public const string SignOnRefused = "sign-on.refused";
    public const string SignatureWithdrawn = "signature.withdrawn";
    public const string LedgerCheckpointed = "ledger.checkpoint";
    public const string MobilizationCreated = "mobilization.created";
    public const string MobilizationStatusChanged = "mobilization.status";
    public const string PetitionSettingsChanged = "petition.settings";
    public const string SignaturesInvalidated = "petition.signatures-invalidated";
    public const string SignerErased = "petition.signer-erased";
    public const string SignaturesExported = "petition.signatures-exported";
    public const string AbuseRuleAdded = "petition.abuse-rule-added";
    public const string AbuseRuleRemoved = "petition.abuse-rule-removed";
    public const string ApiTokenCreated = "api-token.created";
    public const string ApiTokenRevoked = "api-token.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookChanged = "webhook.changed";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookRedelivered = "webhook.redelivered";
}

/// <summary>Adds entries to the log in the caller's unit of work: they commit (or not) with the change they describe.</summary>
public sealed class AuditLog(CollectifDb db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string? subject = null, string? details = null, int? actorId = null, string? actorEmail = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId ?? (int.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null),
            ActorEmail = actorEmail ?? user?.FindFirstValue(ClaimTypes.Email) ?? user?.FindFirstValue(ClaimTypes.Name),
            Action = action,
            Subject = Cut(subject, 300),
            Details = Cut(details, 2000),
            Network = AuditEntry.Truncate(context?.Connection.RemoteIpAddress),
        });
    }

    private static string? Cut(string? text, int length) => text is { Length: > 0 } && text.Length > length ? text[..length] : text;
}
