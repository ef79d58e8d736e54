using System.Security.Cryptography;
using System.Text;
using Collectif.Data;
using Collectif.Email;
using Collectif.Features.Audit;
using DnsClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Organizations;

/// <summary>A pending proof: a mailed link (its SHA-256 is stored) or a DNS value (stored as shown).</summary>
public class OrganizationVerification
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public VerificationMethod Method { get; set; }

    /// <summary>The address mailed, or the domain that must carry the record.</summary>
    public required string Target { get; set; }

    /// <summary>Hash of the mailed token, or the DNS value itself (it is public once published).</summary>
    public required string Secret { get; set; }

    public int? RequestedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>Reads the TXT records of a domain. The real one asks the resolver the operator configures; tests use a fake.</summary>
public interface ITxtRecordLookup
{
    Task<IReadOnlyList<string>> GetTxtRecordsAsync(string domain, CancellationToken cancellationToken);
}

/// <summary>Settings of section <c>Collectif:Verification</c>.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Collectif:Verification";

    /// <summary>DNS server to ask ("9.9.9.9", "127.0.0.53:53"); empty uses the machine's resolvers.</summary>
    public string? DnsServer { get; set; }
}

public sealed class DnsTxtRecordLookup(IOptions<VerificationOptions> options) : ITxtRecordLookup
{
    public async Task<IReadOnlyList<string>> GetTxtRecordsAsync(string domain, CancellationToken cancellationToken)
    {
        var server = options.Value.DnsServer;
        var client = string.IsNullOrWhiteSpace(server)
            ? new LookupClient()
            : new LookupClient(System.Net.IPEndPoint.TryParse(server, out var endpoint) ? (endpoint.Port == 0 ? new System.Net.IPEndPoint(endpoint.Address, 53) : endpoint) : throw new InvalidOperationException($"Collectif:Verification:DnsServer is not an address: {server}"));
        var response = await client.QueryAsync(domain, QueryType.TXT, cancellationToken: cancellationToken);
        return response.Answers.TxtRecords().SelectMany(r => r.Text).ToList();
    }
}

/// <summary>
/// Proves that an organization is who it says: a link mailed to an address at one of its domains, a
/// TXT record on its domain, or an administrator's written justification. The result is public.
/// </summary>
public sealed class VerifyOrganization(CollectifDb db, TimeProvider clock, OutboxSignal outbox, ITxtRecordLookup dns, AuditLog audit, IOptions<EmailOptions> email, IStringLocalizer<SharedResource> localizer)
{
    public const string DnsPrefix = "collectif-verification=";
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(2);

    public enum Outcome
    {
        Verified,
        Sent,
        NotFound,
        Expired,
        UnknownDomain,
        RecordMissing,
        LookupFailed,
    }

    public async Task<Outcome> SendEmailAsync(Organization organization, string address, int? requestedById, string baseUrl, CancellationToken cancellationToken)
    {
        var domain = address.Split('@').Last().ToLowerInvariant();
        if (!await db.OrganizationDomains.AnyAsync(d => d.OrganizationId == organization.Id && d.Domain == domain, cancellationToken))
        {
            return Outcome.UnknownDomain;
        }

        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        db.OrganizationVerifications.Add(new OrganizationVerification
        {
            OrganizationId = organization.Id,
            Method = VerificationMethod.EmailDomain,
            Target = address,
            Secret = Hash(token),
            RequestedById = requestedById,
            CreatedAt = now,
            ExpiresAt = now + LinkLifetime,
        });
        var link = $"{(email.Value.PublicBaseUrl ?? baseUrl).TrimEnd('/')}/verify/{token}";
        var text = string.Join("\n\n",
            localizer["Hello,"],
            localizer["Someone asked to confirm that this address belongs to {0}. If it does, open this link within two days:", organization.Name] + "\n" + link,
            localizer["If you do not know about this request, ignore this message."]);
        db.OutboxMessages.Add(OutboxMessage.Create(address, localizer["Confirm the address of {0}", organization.Name], text, now, reference: $"verification:{organization.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return Outcome.Sent;
    }

    public async Task<(Outcome Outcome, Organization? Organization)> ConfirmEmailAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var pending = await db.OrganizationVerifications.FirstOrDefaultAsync(v => v.Secret == hash && v.Method == VerificationMethod.EmailDomain && v.CompletedAt == null, cancellationToken);
        if (pending is null)
        {
            return (Outcome.NotFound, null);
        }

        if (pending.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return (Outcome.Expired, null);
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == pending.OrganizationId, cancellationToken);
        await CompleteAsync(organization, pending, VerificationMethod.EmailDomain, pending.Target, cancellationToken);
        return (Outcome.Verified, organization);
    }

    /// <summary>The value to publish in a TXT record; the same until it is found.</summary>
    public async Task<OrganizationVerification> DnsChallengeAsync(Organization organization, string domain, int? requestedById, CancellationToken cancellationToken)
    {
        domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        var existing = await db.OrganizationVerifications.FirstOrDefaultAsync(
            v => v.OrganizationId == organization.Id && v.Method == VerificationMethod.DnsRecord && v.Target == domain && v.CompletedAt == null, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var challenge = new OrganizationVerification
        {
            OrganizationId = organization.Id,
            Method = VerificationMethod.DnsRecord,
            Target = domain,
            Secret = DnsPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            RequestedById = requestedById,
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromDays(30),
        };
        db.OrganizationVerifications.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        return challenge;
    }

    public async Task<Outcome> CheckDnsAsync(Organization organization, int challengeId, CancellationToken cancellationToken)
    {
        var challenge = await db.OrganizationVerifications.FirstOrDefaultAsync(
            v => v.Id == challengeId && v.OrganizationId == organization.Id && v.Method == VerificationMethod.DnsRecord && v.CompletedAt == null, cancellationToken);
        if (challenge is null)
        {
            return Outcome.NotFound;
        }

        IReadOnlyList<string> records;
        try
        {
            records = await dns.GetTxtRecordsAsync(challenge.Target, cancellationToken);
        }
        catch (Exception exception) when (exception is DnsResponseException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return Outcome.LookupFailed;
        }

        if (!records.Any(r => r.Trim() == challenge.Secret))
        {
            return Outcome.RecordMissing;
        }

        await CompleteAsync(organization, challenge, VerificationMethod.DnsRecord, challenge.Target, cancellationToken);
        return Outcome.Verified;
    }

    public async Task VouchAsync(Organization organization, string justification, CancellationToken cancellationToken) =>
        await CompleteAsync(organization, null, VerificationMethod.Administrator, justification.Trim(), cancellationToken);

    private async Task CompleteAsync(Organization organization, OrganizationVerification? pending, VerificationMethod method, string evidence, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (pending is not null)
        {
            pending.CompletedAt = now;
        }

        organization.VerifiedAt = now;
        organization.VerificationMethod = method;
        organization.VerificationEvidence = evidence;
        organization.UpdatedAt = now;
        audit.Record(AuditActions.OrganizationVerified, $"organization:{organization.Slug}", $"{method}: {evidence}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
