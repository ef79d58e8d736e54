using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Collectif.Web;

/// <summary>
/// Public answers that are the same for every visitor — feeds, calendars, PDFs, the statements list,
/// search results, the sitemap — are kept in memory (ASP.NET Core's output cache) and served again
/// without touching the database, for <see cref="CollectifOptions.PublicCacheSeconds"/> at most.
/// Only for visitors who are not signed in and send no API token, per host, language and query
/// string, and only answers that set no cookie (ASP.NET Core's default rules). A write to a table
/// that such answers show empties the cache as soon as it commits (<see cref="PublicContentChanges"/>),
/// so an editor sees a change at once; writes made by another instance or by the command line reach
/// this instance's cache when it expires. Pages with a form are not kept here: their antiforgery
/// token is the visitor's own (the statement page has its own cache that writes a fresh one into
/// each copy, <see cref="Features.Statements.StatementPageCache"/>).
/// </summary>
public static class PublicCache
{
    public const string Policy = "public";
    public const string Tag = "public-content";

    public static IServiceCollection AddPublicCache(this IServiceCollection services, CollectifOptions settings)
    {
        services.AddOutputCache(options =>
        {
            // Each entry is one answer; 64 MB holds thousands of pages, feeds and PDFs.
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(Policy, policy =>
            {
                policy.Expire(TimeSpan.FromSeconds(Math.Max(1, settings.PublicCacheSeconds)))
                    .Tag(Tag)
                    .SetVaryByHost(true)
                    .VaryByValue(_ => new KeyValuePair<string, string>("language", CultureInfo.CurrentUICulture.Name))
                    .With(_ => settings.PublicCacheSeconds > 0);
            });
        });
        services.AddSingleton<PublicContentChanges>();
        return services;
    }

    /// <summary>Razor pages and endpoints whose answer is the same for every anonymous visitor.</summary>
    public static TBuilder CachedForThePublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CacheOutput(Policy);
}

/// <summary>
/// Empties the public cache after a committed write that could change a public answer. It reads the
/// SQL itself, so saves, bulk updates and raw SQL through EF Core all count. Any write empties it,
/// except writes only to the tables listed here, which hold what no cached answer shows and which
/// take the heavy traffic (signatures, the outbox, the audit log, the ledger): a petition taking
/// thousands of signatures a minute keeps its feeds and lists cached. A table added later empties
/// the cache until it is listed, which is the safe way round.
/// </summary>
public sealed partial class PublicContentChanges(IOutputCacheStore store) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<string> Unshown =
    [
        "PetitionSignatures", "PetitionAlerts", "AbuseRules", "InstanceSecrets", "OutboxMessages", "OutboxContents",
        "AuditEntries", "LedgerEntries", "LedgerCheckpoints", "SigningKeys", "DataProtectionKeys", "WebhookDeliveries",
        "DistributionRecipients", "MobilizationSubscriptions", "AccountTokens",
    ];

    /// <summary>Tells listeners (the statement pages' cache) that public content changed.</summary>
    public long Version => Interlocked.Read(ref _version);

    private long _version;

    // Transactions holding a watched write: the cache is emptied when they commit.
    private readonly ConditionalWeakTable<DbTransaction, object> _pending = [];

    /// <summary>Empties the cache now (also for writes this class cannot see).</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _version);
        _ = store.EvictByTagAsync(PublicCache.Tag, CancellationToken.None).AsTask();
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    // INSERT … RETURNING and batched saves run as readers.
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Remove(transaction);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        _pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Seen(DbCommand command)
    {
        if (!Writes(command.CommandText))
        {
            return;
        }

        if (command.Transaction is null)
        {
            Changed(); // committed already (autocommit)
        }
        else
        {
            _pending.AddOrUpdate(command.Transaction, command);
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (_pending.Remove(transaction))
        {
            Changed();
        }
    }

    private static bool Writes(string sql)
    {
        var start = sql.AsSpan().TrimStart();
        if (start.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || start.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
        {
            return false; // the reads that make up nearly all commands
        }

        var targets = WriteTarget().Matches(sql);
        if (targets.Count == 0)
        {
            return true; // a write of another shape (schema, raw SQL): assume it shows
        }

        foreach (System.Text.RegularExpressions.Match target in targets)
        {
            if (!Unshown.Contains(target.Groups[1].Value))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+""(\w+)""", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WriteTarget();
}
