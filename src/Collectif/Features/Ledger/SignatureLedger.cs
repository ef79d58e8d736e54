using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Ledger;

/// <summary>What a verification found: the first broken entry (by its number) and why, or none.</summary>
public sealed record LedgerVerification(int Entries, int? BrokenAt, string? Reason, IReadOnlyDictionary<string, string> Counted)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>An entry as published in JSON Lines; the same shape is read back by <c>verify-ledger --file</c>.</summary>
public sealed record PublishedEntry(
    [property: JsonPropertyName("statement")] int Statement,
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("previousHash")] string PreviousHash,
    [property: JsonPropertyName("revisionHash")] string RevisionHash,
    [property: JsonPropertyName("signer")] string Signer,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("time")] DateTime Time,
    [property: JsonPropertyName("hash")] string Hash)
{
    public static PublishedEntry Of(LedgerEntry e) => new(e.StatementId, e.Sequence, e.PreviousHash, e.RevisionHash, e.Signer, e.Action, e.Time, e.Hash);

    public LedgerEntry ToEntry() => new()
    {
        StatementId = Statement,
        Sequence = Sequence,
        PreviousHash = PreviousHash,
        RevisionHash = RevisionHash,
        Signer = Signer,
        Action = Action,
        Time = DateTime.SpecifyKind(Time, DateTimeKind.Utc),
        Hash = Hash,
    };
}

/// <summary>A checkpoint as published in JSON Lines.</summary>
public sealed record PublishedCheckpoint(
    [property: JsonPropertyName("statement")] int Statement,
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("time")] DateTime Time,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>
/// Appends to and verifies statements' signature ledgers. Appending joins the caller's unit of
/// work, so an entry commits with the signature it records, or not at all; the unique
/// (statement, sequence) index makes two racing writers fail rather than fork the chain.
/// </summary>
public sealed class SignatureLedger(CollectifDb db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs work that appends to a statement's ledger, one writer at a time per statement: in a
    /// transaction that first takes the chain's lock (a PostgreSQL advisory lock, shared by every
    /// instance; SQLite's write lock, taken at BEGIN), so hundreds of confirmations arriving at once
    /// queue instead of colliding on the same entry number and retrying.
    /// </summary>
    public async Task<T> InTurnAsync<T>(int statementId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockSpace}, {statementId})", cancellationToken);
        }

        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // The first key of the advisory lock: "ledger", so other features may use other spaces.
    private const int AdvisoryLockSpace = 0x1ED6E5;

    public async Task<LedgerEntry> AppendAsync(int statementId, string revisionHash, string signer, string action, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<LedgerEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.StatementId == statementId)
            .Select(e => e.Entity).OrderBy(e => e.Sequence).LastOrDefault();
        var last = pending ?? await db.LedgerEntries.AsNoTracking().Where(e => e.StatementId == statementId).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var time = LedgerCheckpoint.Stored(clock.GetUtcNow().UtcDateTime);
        var entry = new LedgerEntry
        {
            StatementId = statementId,
            Sequence = (last?.Sequence ?? 0) + 1,
            PreviousHash = last?.Hash ?? LedgerEntry.Genesis,
            RevisionHash = revisionHash,
            Signer = signer,
            Action = action,
            Time = time,
            Hash = "",
        };
        entry.Hash = entry.Recompute();
        db.LedgerEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Recomputes every hash and link in order and names the first entry that does not hold:
    /// edited (its hash no longer matches), removed or reordered (numbers or links broken). Also
    /// replays the chain: who counts, on which revision.
    /// </summary>
    public static LedgerVerification Verify(IReadOnlyList<LedgerEntry> entries)
    {
        var counted = new Dictionary<string, string>(StringComparer.Ordinal);
        var previous = LedgerEntry.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                return new(entries.Count, i + 1, $"entry {i + 1} is missing or out of order (found number {entry.Sequence})", counted);
            }

            if (entry.PreviousHash != previous)
            {
                return new(entries.Count, entry.Sequence, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1} (previous hash differs)", counted);
            }

            if (entry.Recompute() != entry.Hash)
            {
                return new(entries.Count, entry.Sequence, $"entry {entry.Sequence} was altered (its hash does not match its content)", counted);
            }

            if (LedgerActions.Counting.Contains(entry.Action))
            {
                counted[entry.Signer] = entry.RevisionHash;
            }
            else
            {
                counted.Remove(entry.Signer);
            }

            previous = entry.Hash;
        }

        return new(entries.Count, null, null, counted);
    }

    public async Task<LedgerVerification> VerifyAsync(int statementId, CancellationToken cancellationToken) =>
        Verify(await db.LedgerEntries.AsNoTracking().Where(e => e.StatementId == statementId).OrderBy(e => e.Id).ToListAsync(cancellationToken));

    /// <summary>
    /// How many signers the ledger proves, counted as the pages count them: organizations (and
    /// imported signatories, bound to no revision) on the current text; people who signed a
    /// petition on the text they confirmed.
    /// </summary>
    public static int ProvenCount(LedgerVerification verification, string? currentHash) =>
        verification.Counted.Count(c => c.Value.Length == 0 || c.Value == currentHash || c.Key.StartsWith("commitment:", StringComparison.Ordinal));

    /// <summary>How many signatories the statement's pages publish, the figure <see cref="ProvenCount"/> must equal.</summary>
    public static async Task<int> PublishedCountAsync(CollectifDb db, int statementId, CancellationToken cancellationToken) =>
        (await db.SignatoriesAsync(statementId, cancellationToken)).Count
        + await db.PetitionSignatures.CountAsync(s => s.StatementId == statementId && s.Status == Petitions.SignatureStatus.Confirmed, cancellationToken);
}

/// <summary>
/// The instance's ECDSA P-256 key, made on first use (at install) and kept in the database with
/// its private half encrypted by ASP.NET Core data protection. The public half is published at
/// <c>/ledger/public-key.pem</c> so anyone can check checkpoints.
/// </summary>
public sealed class LedgerKey(CollectifDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    private IDataProtector Protector => protection.CreateProtector("Collectif.Ledger.SigningKey");

    public async Task<SigningKey> GetAsync(CancellationToken cancellationToken)
    {
        if (await db.SigningKeys.AsNoTracking().OrderBy(k => k.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var created = new SigningKey
        {
            PublicKeyPem = key.ExportSubjectPublicKeyInfoPem(),
            ProtectedPrivateKey = Protector.Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.SigningKeys.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return await db.SigningKeys.AsNoTracking().OrderBy(k => k.Id).FirstAsync(cancellationToken); // the first one wins a race
    }

    public async Task<string> SignAsync(string message, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(cancellationToken);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(Protector.Unprotect(stored.ProtectedPrivateKey)), out _);
        return Convert.ToBase64String(key.SignData(System.Text.Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256));
    }

    public static bool Check(string publicKeyPem, string message, string signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        try
        {
            return key.VerifyData(System.Text.Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
