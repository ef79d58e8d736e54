using System.Security.Cryptography;
using System.Text;
using Collectif.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Petitions;

/// <summary>A random secret made once per instance and kept in the database, encrypted with the data-protection keys.</summary>
public class InstanceSecret
{
    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Keyed hashes of signers' e-mail addresses. <see cref="EmailKeyAsync"/> finds the same person again
/// (duplicates, data requests) without storing the address in clear; <see cref="CommitmentAsync"/> is
/// what the public ledger shows: per petition, so one person's signatures cannot be linked across
/// petitions by reading ledgers, and useless to guess without the server's secret. The e-mail
/// itself is encrypted with data protection (keys in the database).
/// </summary>
public sealed class SignerKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string SecretName = "petition-signers";
    private byte[]? secret;

    private IDataProtector Emails => protection.CreateProtector("Collectif.Petitions.Email");

    public string Protect(string email) => Emails.Protect(email);

    public string? Unprotect(string? protectedEmail)
    {
        if (protectedEmail is null)
        {
            return null;
        }

        try
        {
            return Emails.Unprotect(protectedEmail);
        }
        catch (CryptographicException)
        {
            return null; // keys lost: the address is gone, as if erased
        }
    }

    public async Task<string> EmailKeyAsync(string canonicalEmail, CancellationToken cancellationToken) =>
        Hmac(await SecretAsync(cancellationToken), "email\n" + canonicalEmail);

    public async Task<string> CommitmentAsync(int statementId, string canonicalEmail, CancellationToken cancellationToken) =>
        "commitment:" + Hmac(await SecretAsync(cancellationToken), $"ledger\n{statementId}\n{canonicalEmail}");

    private static string Hmac(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (secret is { } known)
        {
            return known;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var protector = protection.CreateProtector("Collectif.InstanceSecret");
        var stored = await db.InstanceSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (stored is null)
        {
            db.InstanceSecrets.Add(new InstanceSecret
            {
                Name = SecretName,
                ProtectedValue = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException failed)
            {
                // Another instance made it first: use theirs. If none did, the write failed for another
                // reason (a full disk) that the caller must report as it is, not as a missing row.
                if (!await db.InstanceSecrets.AnyAsync(s => s.Name == SecretName, cancellationToken))
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
                }
            }

            db.ChangeTracker.Clear();
            stored = await db.InstanceSecrets.AsNoTracking().FirstAsync(s => s.Name == SecretName, cancellationToken);
        }

        secret = Convert.FromBase64String(protector.Unprotect(stored.ProtectedValue));
        return secret;
    }
}
