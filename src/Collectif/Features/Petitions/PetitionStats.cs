using System.Collections.Concurrent;
using Collectif.Data;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Petitions;

/// <summary>A public signatory as the page shows them: first name and initial, place.</summary>
public sealed record RecentSignatory(string Name, string? Country, string? Departement, DateTime At);

/// <summary>Confirmed signatures on one day (UTC).</summary>
public sealed record DailyCount(DateOnly Day, int Count);

public sealed record Breakdown(string Key, int Count);

/// <summary>What a petition's page shows about its signatures, computed at <see cref="ComputedAt"/>.</summary>
public sealed record PetitionFigures(
    int Count, IReadOnlyList<DailyCount> Daily, IReadOnlyList<Breakdown> Countries, IReadOnlyList<Breakdown> Departements,
    IReadOnlyList<RecentSignatory> Recent, DateTime ComputedAt);

/// <summary>
/// Counters without a hot row: nothing is incremented per signature. Figures are aggregated from
/// the signature rows (an index on statement, status and confirmation time), kept in memory and
/// refreshed in the background every few seconds while readers keep getting the previous ones —
/// so a page under heavy intake costs one set of aggregate queries every few seconds, whatever the
/// rate of signatures, and no reader waits for them.
/// </summary>
public sealed class PetitionStats(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<int, Entry> cache = new();

    private sealed class Entry(Task<PetitionFigures> current)
    {
        public Task<PetitionFigures> Current = current;
        public Task<PetitionFigures>? Refresh;
    }

    /// <summary>
    /// The figures of a petition. Only the very first reader waits for them; afterwards, figures
    /// older than <see cref="FreshFor"/> are still served while one refresh runs in the background
    /// (over 100,000 rows it takes a fraction of a second that no reader should wait for).
    /// </summary>
    public Task<PetitionFigures> GetAsync(int statementId)
    {
        var entry = cache.GetOrAdd(statementId, id => new Entry(ComputeAsync(id)));
        lock (entry)
        {
            if (entry.Current.IsFaulted || entry.Current.IsCanceled)
            {
                entry.Current = ComputeAsync(statementId); // the last attempt failed: this reader tries again
                return entry.Current;
            }

            if (entry.Current.IsCompletedSuccessfully && !Fresh(entry.Current.GetAwaiter().GetResult(), clock.GetUtcNow().UtcDateTime))
            {
                // Always asynchronous, so the refresh cannot finish (and clear itself) before it is recorded.
                entry.Refresh ??= Task.Run(() => RefreshAsync(statementId, entry));
            }

            return entry.Current;
        }
    }

    /// <summary>The figures once the refresh in flight, if any, has landed (for a page that must show the latest).</summary>
    public async Task<PetitionFigures> RefreshedAsync(int statementId)
    {
        await GetAsync(statementId);
        Task<PetitionFigures>? refresh = null;
        if (cache.TryGetValue(statementId, out var entry))
        {
            lock (entry)
            {
                refresh = entry.Refresh;
            }
        }

        return refresh is null ? await GetAsync(statementId) : await refresh;
    }

    private async Task<PetitionFigures> RefreshAsync(int statementId, Entry entry)
    {
        try
        {
            var figures = await ComputeAsync(statementId);
            lock (entry)
            {
                entry.Current = Task.FromResult(figures);
            }

            return figures;
        }
        finally
        {
            lock (entry)
            {
                entry.Refresh = null;
            }
        }
    }

    private static bool Fresh(PetitionFigures figures, DateTime now) => now - figures.ComputedAt < FreshFor && now >= figures.ComputedAt;

    /// <summary>Forget a petition's figures (after an invalidation, so the page shows the change at once).</summary>
    public void Forget(int statementId) => cache.TryRemove(statementId, out _);

    private async Task<PetitionFigures> ComputeAsync(int statementId)
    {
        var computedAt = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        var confirmed = db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statementId && s.Status == SignatureStatus.Confirmed);

        var count = await confirmed.CountAsync();
        var daily = (await confirmed.GroupBy(s => s.ConfirmedAt!.Value.Date).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(d => new DailyCount(DateOnly.FromDateTime(d.Key), d.Count)).OrderBy(d => d.Day).ToList();
        var countries = (await confirmed.Where(s => s.Country != null).GroupBy(s => s.Country!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(g => new Breakdown(g.Key, g.Count)).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var departements = (await confirmed.Where(s => s.Departement != null).GroupBy(s => s.Departement!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(g => new Breakdown(g.Key, g.Count)).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var recent = (await confirmed.Where(s => s.Public && s.FirstName != null)
                .OrderByDescending(s => s.ConfirmedAt).ThenByDescending(s => s.Id).Take(10)
                .Select(s => new { s.FirstName, s.LastName, s.Country, s.Departement, s.ConfirmedAt }).ToListAsync())
            .Select(s => new RecentSignatory(ShortName(s.FirstName!, s.LastName), s.Country, s.Departement, s.ConfirmedAt!.Value)).ToList();
        return new PetitionFigures(count, daily, countries, departements, recent, computedAt);
    }

    /// <summary>"Jeanne M.": enough to see real people sign, not enough to find them.</summary>
    public static string ShortName(string firstName, string? lastName) =>
        string.IsNullOrWhiteSpace(lastName) ? firstName : $"{firstName} {char.ToUpperInvariant(lastName.Trim()[0])}.";

    /// <summary>Round steps on the way to the goal (and the goal itself): 100, 500, 1,000, 5,000, 10,000…</summary>
    public static IReadOnlyList<int> Milestones(int? goal, int count)
    {
        var steps = new List<int>();
        var target = Math.Max(goal ?? 0, count);
        foreach (var magnitude in new[] { 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000 })
        {
            foreach (var step in new[] { magnitude, magnitude * 5 })
            {
                if (step < target || (goal is null && step <= NextAbove(count)))
                {
                    steps.Add(step);
                }
            }
        }

        if (goal is { } g)
        {
            steps.RemoveAll(s => s >= g);
            steps.Add(g);
        }

        return steps.Distinct().Order().ToList();
    }

    private static int NextAbove(int count)
    {
        foreach (var step in new[] { 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000 })
        {
            if (step > count)
            {
                return step;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The day each milestone was passed, from the daily counts.</summary>
    public static IReadOnlyDictionary<int, DateOnly> MilestoneDays(IReadOnlyList<int> milestones, IReadOnlyList<DailyCount> daily)
    {
        var reached = new Dictionary<int, DateOnly>();
        var total = 0;
        foreach (var day in daily)
        {
            total += day.Count;
            foreach (var milestone in milestones.Where(m => m <= total && !reached.ContainsKey(m)))
            {
                reached[milestone] = day.Day;
            }
        }

        return reached;
    }
}
