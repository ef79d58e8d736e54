using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions;

/// <summary>
/// A small puzzle for the browser when a petition is under attack, instead of a third-party
/// captcha: find a number such that SHA-256("challenge:number") starts with a given count of zero
/// bits. A second for a phone, costly for a robot signing thousands of times. The challenge is
/// sealed with data protection (so any instance can check it), lives 30 minutes and is used once.
/// </summary>
public sealed class ProofOfWork(IDataProtectionProvider protection, TimeProvider clock, IOptions<PetitionOptions> options)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, DateTime> used = new(StringComparer.Ordinal);

    private IDataProtector Protector => protection.CreateProtector("Collectif.Petitions.ProofOfWork");

    public int Bits => options.Value.ProofOfWorkBits;

    public string NewChallenge() =>
        Protector.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));

    /// <summary>The form sends "challenge:number".</summary>
    public bool Check(string? solution)
    {
        var split = solution?.LastIndexOf(':') ?? -1;
        if (solution is null || solution.Length > 1000 || split <= 0)
        {
            return false;
        }

        var challenge = solution[..split];
        try
        {
            var ticks = long.Parse(Protector.Unprotect(challenge).Split(':')[0], CultureInfo.InvariantCulture);
            var now = clock.GetUtcNow().UtcDateTime;
            if (now - new DateTime(ticks, DateTimeKind.Utc) > Lifetime || !HasLeadingZeros(SHA256.HashData(Encoding.UTF8.GetBytes(solution)), Bits))
            {
                return false;
            }

            if (used.Count > 10_000)
            {
                foreach (var (key, at) in used)
                {
                    if (now - at > Lifetime)
                    {
                        used.TryRemove(key, out _);
                    }
                }
            }

            return used.TryAdd(challenge, now);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }

    public static bool HasLeadingZeros(byte[] hash, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            if ((hash[i / 8] & (0x80 >> (i % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
