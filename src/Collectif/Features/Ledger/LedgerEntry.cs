using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Collectif.Features.Ledger;

/// <summary>
/// One link of a statement's public hash chain. Its hash covers its number, the previous entry's
/// hash, the text's fingerprint, who signed (an organization's name, or a keyed commitment for a
/// person), what happened and when — so removing, editing or reordering any entry breaks every
/// hash after it. Entries are only ever appended.
/// </summary>
public class LedgerEntry
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; set; }
    public int StatementId { get; set; }

    /// <summary>1, 2, 3… within the statement.</summary>
    public int Sequence { get; set; }

    public required string PreviousHash { get; set; }

    /// <summary>Fingerprint of the revision signed (empty for an imported signatory, who signed no revision here).</summary>
    public required string RevisionHash { get; set; }

    /// <summary>"Confédération générale du Travail (CGT)", or "commitment:…" for a person.</summary>
    public required string Signer { get; set; }

    /// <summary>One of <see cref="LedgerActions"/>.</summary>
    public required string Action { get; set; }

    public DateTime Time { get; set; }
    public required string Hash { get; set; }

    public static string ComputeHash(int sequence, string previousHash, string revisionHash, string signer, string action, DateTime time) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            "collectif-ledger-v1", sequence.ToString(CultureInfo.InvariantCulture), previousHash, revisionHash, signer, action,
            time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)))));

    public string Recompute() => ComputeHash(Sequence, PreviousHash, RevisionHash, Signer, Action, Time);
}

public static class LedgerActions
{
    public const string Imported = "imported";
    public const string Signature = "signed";
    public const string SilentConsent = "silent-consent";
    public const string Late = "late";
    public const string Confirmed = "confirmed";
    public const string Withdrawn = "withdrawn";
    public const string Erased = "erased";
    public const string Invalidated = "invalidated";

    /// <summary>Actions after which the signer counts (on the revision the entry names).</summary>
    public static readonly string[] Counting = [Imported, Signature, SilentConsent, Late, Confirmed];
}

/// <summary>The chain's head at a moment, signed with the instance's ECDSA P-256 key: a published commitment that the past was not rewritten.</summary>
public class LedgerCheckpoint
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public int Sequence { get; set; }
    public required string Hash { get; set; }
    public DateTime Time { get; set; }

    /// <summary>Base64 ECDSA P-256 signature (IEEE P1363) of <see cref="Message"/>.</summary>
    public required string Signature { get; set; }

    /// <summary>
    /// A time as every database keeps it: whole microseconds (PostgreSQL drops the last digit of
    /// .NET's 100 ns ticks). Entries and checkpoints are hashed and signed with this time, so what is
    /// read back is exactly what was hashed.
    /// </summary>
    public static DateTime Stored(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);

    // The statement's number, not its slug: addresses may change, the number does not.
    public static string Message(int statementId, int sequence, string hash, DateTime time) => string.Join('\n',
        "collectif-ledger-checkpoint-v1", statementId.ToString(CultureInfo.InvariantCulture), sequence.ToString(CultureInfo.InvariantCulture), hash,
        time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
}

/// <summary>The instance's signing key, made at install; the private half is encrypted with the data-protection keys.</summary>
public class SigningKey
{
    public int Id { get; set; }
    public required string PublicKeyPem { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
