using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Collectif.Features.Webhooks;

/// <summary>
/// The <c>Collectif-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> of
/// <c>"{t}.{body}"</c> with the webhook's secret (the scheme Stripe made familiar). Receivers
/// recompute it, compare in constant time, and refuse a timestamp older than a few minutes, so a
/// captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Collectif-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, string body) => Sign([secret], at, body);

    /// <summary>One <c>v1=</c> per secret: during a rotation, with the new secret and the former one.</summary>
    public static string Sign(IEnumerable<string> secrets, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp}," + string.Join(",", secrets.Select(secret => $"v1={Compute(secret, timestamp, body)}"));
    }

    public enum Result
    {
        Valid,
        Malformed,
        WrongSignature,
        TooOld,
    }

    /// <summary>What a receiver does; also used by our tests' receiver.</summary>
    public static Result Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        var parts = (header ?? "").Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
        var timestamp = parts["t"].FirstOrDefault();
        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts["v1"].Any())
        {
            return Result.Malformed;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        if (!parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v), expected)))
        {
            return Result.WrongSignature;
        }

        return (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance) ? Result.TooOld : Result.Valid;
    }

    private static string Compute(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
