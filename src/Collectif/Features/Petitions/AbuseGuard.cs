using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Collectif.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions;

/// <summary>What the guard decided about one signature.</summary>
public enum Verdict
{
    Accept = 0,

    /// <summary>Take it silently and never count it (block list, honeypot): the sender learns nothing.</summary>
    Silent = 1,

    /// <summary>Too many from the same network or domain: refuse with a message to try later.</summary>
    TooMany = 2,
}

/// <summary>
/// Stops abuse without captchas: counts signatures per network and per e-mail domain in fixed
/// windows on the injected clock (so tests can move time), applies the coalition's allow and block
/// lists, and tells when a network or domain trends on a petition. Counters live in memory on
/// each instance: a limit is per instance, which only makes it looser with several instances.
/// </summary>
public sealed partial class AbuseGuard(TimeProvider clock, IOptions<PetitionOptions> options, IServiceScopeFactory scopes)
{
    // Large public providers: thousands of genuine signers share them, so no per-domain limit.
    private static readonly HashSet<string> PublicProviders = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com", "yahoo.com",
        "yahoo.fr", "icloud.com", "me.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "laposte.net", "bbox.fr", "aol.com",
        "gmx.fr", "gmx.com", "gmx.de", "web.de", "protonmail.com", "proton.me", "yandex.ru", "mail.ru", "libero.it", "t-online.de",
    };

    public static bool IsPublicProvider(string domain) => PublicProviders.Contains(domain);

    private static readonly TimeSpan RulesFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private (DateTime LoadedAt, IReadOnlyList<AbuseRule> Rules)? rules;

    private sealed class Window
    {
        public DateTime Start;
        public int Count;
    }

    private PetitionOptions Settings => options.Value;

    /// <summary>The network a signature comes from: the address for IPv4, its /64 for IPv6.</summary>
    public static string? NetworkOf(IPAddress? address) =>
        address is null ? null
        : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString()
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Audit.AuditEntry.Truncate(address, 64)
        : address.ToString();

    public async Task<Verdict> CheckAsync(IPAddress? address, string domain, CancellationToken cancellationToken)
    {
        var list = await RulesAsync(cancellationToken);
        bool Matches(AbuseRule rule) => rule.Kind == AbuseRuleKind.Domain ? DomainMatches(rule.Pattern, domain) : NetworkMatches(rule.Pattern, address);
        if (list.Any(r => r.List == AbuseRuleList.Allow && Matches(r)))
        {
            return Verdict.Accept;
        }

        if (list.Any(r => r.List == AbuseRuleList.Block && Matches(r)))
        {
            return Verdict.Silent;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (NetworkOf(address) is { } network
            && (!Take("m:" + network, TimeSpan.FromMinutes(1), Settings.PerNetworkPerMinute, now) | !Take("h:" + network, TimeSpan.FromHours(1), Settings.PerNetworkPerHour, now)))
        {
            return Verdict.TooMany;
        }

        if (!PublicProviders.Contains(domain) && !Take("d:" + domain, TimeSpan.FromMinutes(10), Settings.PerDomainPerTenMinutes, now))
        {
            return Verdict.TooMany;
        }

        return Verdict.Accept;
    }

    /// <summary>Counts a signature toward a petition's trend for a key; true exactly when the count reaches the threshold (one alert per window).</summary>
    public bool Trends(int statementId, string kind, string value)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = Count($"t:{statementId}:{kind}:{value}", TimeSpan.FromMinutes(10), now);
        return window == Settings.TrendThreshold;
    }

    /// <summary>Forget the cached lists after an edit.</summary>
    public void RulesChanged() => rules = null;

    private bool Take(string key, TimeSpan length, int limit, DateTime now) => Count(key, length, now) <= limit;

    private int Count(string key, TimeSpan length, DateTime now)
    {
        if (windows.Count > 200_000)
        {
            Prune(now);
        }

        var window = windows.GetOrAdd(key, _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= length)
            {
                window.Start = now;
                window.Count = 0;
            }

            return ++window.Count;
        }
    }

    private void Prune(DateTime now)
    {
        foreach (var (key, window) in windows)
        {
            if (now - window.Start > TimeSpan.FromHours(1))
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private async Task<IReadOnlyList<AbuseRule>> RulesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (rules is { } cached && now - cached.LoadedAt < RulesFor && now >= cached.LoadedAt)
        {
            return cached.Rules;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var loaded = await db.AbuseRules.AsNoTracking().ToListAsync(cancellationToken);
        rules = (now, loaded);
        return loaded;
    }

    /// <summary>"example.org" covers the domain and its subdomains; "*" stands for any characters ("*.example", "temp*mail.com").</summary>
    public static bool DomainMatches(string pattern, string domain)
    {
        pattern = pattern.Trim().ToLowerInvariant();
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return domain == pattern || domain.EndsWith("." + pattern, StringComparison.Ordinal);
        }

        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", "[a-z0-9.-]*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(domain, regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>A range in CIDR ("203.0.113.0/24", "2001:db8::/32"), an address, or IPv4 with trailing "*" octets ("198.51.100.*").</summary>
    public static bool NetworkMatches(string pattern, IPAddress? address)
    {
        if (address is null || ParseNetwork(pattern) is not { } network)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return network.Contains(address);
    }

    public static IPNetwork? ParseNetwork(string pattern)
    {
        pattern = pattern.Trim();
        if (pattern.Contains('*', StringComparison.Ordinal))
        {
            var octets = pattern.Split('.');
            var fixedOctets = octets.TakeWhile(o => o != "*").ToList();
            if (octets.Length != 4 || octets.Skip(fixedOctets.Count).Any(o => o != "*") || fixedOctets.Count == 0)
            {
                return null;
            }

            pattern = string.Join('.', fixedOctets.Concat(Enumerable.Repeat("0", 4 - fixedOctets.Count))) + "/" + (fixedOctets.Count * 8);
        }
        else if (!pattern.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(pattern, out var single))
        {
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(pattern, out var network) ? network : null;
    }

    /// <summary>Whether a pattern typed by an administrator is usable, for the form's message.</summary>
    public static bool IsValidPattern(AbuseRuleKind kind, string pattern) => kind switch
    {
        AbuseRuleKind.Network => ParseNetwork(pattern) is not null,
        _ => pattern.Length is > 0 and <= 253 && ValidDomainPattern().IsMatch(pattern.Trim().ToLowerInvariant()),
    };

    [GeneratedRegex(@"^[a-z0-9*][a-z0-9*.-]*$")]
    private static partial Regex ValidDomainPattern();
}
