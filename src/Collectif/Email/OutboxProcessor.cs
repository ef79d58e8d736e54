using Collectif.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Email;

/// <summary>
/// Sends the due messages of the outbox over one reused SMTP connection, at most
/// <see cref="EmailOptions.MaxPerMinute"/> a minute across all instances. Several instances share
/// the outbox safely: each run claims a batch with one <c>UPDATE … RETURNING</c> (on PostgreSQL
/// with <c>FOR UPDATE SKIP LOCKED</c>), which moves the messages' next attempt past a lease. A claimed message is
/// marked sent right after the server accepted it, with a write that shutting down does not
/// cancel; a message claimed but not sent when the process stops is handed back at once.
/// </summary>
public sealed class OutboxProcessor(CollectifDb db, SmtpMailSender sender, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxProcessor> logger, Web.CollectifMetrics metrics)
{
    /// <summary>Set when the last run stopped at the rate limit: when sending may resume (UTC).</summary>
    public DateTime? RateLimitedUntil { get; private set; }

    /// <returns>How many messages were sent.</returns>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        RateLimitedUntil = null;
        if (!sender.IsConfigured)
        {
            return 0;
        }

        var settings = options.Value;
        var sent = 0;
        await using var session = sender.OpenSession();
        var contents = new Dictionary<long, OutboxContent>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var take = settings.BatchSize;
            if (settings.MaxPerMinute > 0)
            {
                var since = now - TimeSpan.FromMinutes(1);
                var recent = await db.OutboxMessages.CountAsync(m => m.SentAt > since, cancellationToken);
                take = Math.Min(take, settings.MaxPerMinute - recent);
                if (take <= 0)
                {
                    var oldest = await db.OutboxMessages.Where(m => m.SentAt > since).MinAsync(m => m.SentAt, cancellationToken);
                    RateLimitedUntil = (oldest ?? now) + TimeSpan.FromMinutes(1);
                    return sent;
                }
            }

            var batch = await ClaimAsync(now, take, cancellationToken);
            if (batch.Count == 0)
            {
                return sent;
            }

            await LoadContentsAsync(batch, contents, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(batch.Skip(i));
                    return sent;
                }

                var outcome = await SendOneAsync(session, batch[i], contents, cancellationToken);
                if (outcome == Outcome.Sent)
                {
                    sent++;
                }
                else if (outcome == Outcome.ServerUnavailable)
                {
                    // No use trying the others now: they wait for the next run, untouched.
                    await ReleaseAsync(batch.Skip(i + 1));
                    return sent;
                }
            }
        }

        return sent;
    }

    private enum Outcome
    {
        Sent,
        Refused,
        ServerUnavailable,
        Stopped,
    }

    private async Task<Outcome> SendOneAsync(SmtpMailSender.Session session, OutboxMessage message, Dictionary<long, OutboxContent> contents, CancellationToken cancellationToken)
    {
        var content = message.ContentId is { } contentId ? contents[contentId] : null;
        try
        {
            // Not cancelled by shutdown: a send interrupted after the server stored the mail but
            // before its reply arrived would be sent again. Shutdown waits for this one message
            // (bounded by the client's 30 s timeout); the loop stops before the next one.
            await session.SendAsync(message, content, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped mid-send: the server did not take the message (it was not acknowledged); it goes back to the queue.
            await ReleaseAsync([message]);
            return Outcome.Stopped;
        }
#pragma warning disable CA1031 // any failure of one send is recorded on the message and retried later
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var attempts = message.Attempts + 1;
            var failed = attempts >= OutboxMessage.MaxAttempts;
            logger.LogWarning(exception, "Sending outbox message {Id} to {Address} failed (attempt {Attempts}).", message.Id, message.ToAddress, attempts);
            var error = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
            var retryAt = clock.GetUtcNow().UtcDateTime + OutboxMessage.Backoff(attempts);
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LastError, error),
                CancellationToken.None);
            metrics.MailFailed(refusedByServer: exception is MailKit.Net.Smtp.SmtpCommandException);
            return exception is MailKit.Net.Smtp.SmtpCommandException ? Outcome.Refused : Outcome.ServerUnavailable;
        }

        // The server has it: record that whatever happens to the process now (a cancelled write here would send it twice).
        // Plain SQL: this runs once per mail, and EF's update pipeline costs more than the commit here.
        var sentAt = clock.GetUtcNow().UtcDateTime;
        var attemptsMade = message.Attempts + 1;
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "OutboxMessages" SET "Status" = 'Sent', "SentAt" = {sentAt}, "Attempts" = {attemptsMade}, "LastError" = NULL WHERE "Id" = {message.Id}""",
            CancellationToken.None);
        metrics.MailSent();
        return Outcome.Sent;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DateTime now, int take, CancellationToken cancellationToken)
    {
        var leaseUntil = now + options.Value.ClaimLease;
        // One statement claims a batch. On PostgreSQL, rows another instance is claiming are
        // skipped, not waited for (SKIP LOCKED); SQLite has one writer at a time, so the statement
        // is atomic as it is (and one commit claims the batch instead of one per message).
        var claimed = db.Database.IsNpgsql()
            ? await db.OutboxMessages.FromSql($"""
                UPDATE "OutboxMessages" SET "NextAttemptAt" = {leaseUntil}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now}
                    ORDER BY "Priority", "NextAttemptAt", "Id"
                    LIMIT {take}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken)
            : await db.OutboxMessages.FromSql($"""
                UPDATE "OutboxMessages" SET "NextAttemptAt" = {leaseUntil}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now}
                    ORDER BY "Priority", "NextAttemptAt", "Id"
                    LIMIT {take})
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.OrderBy(m => m.Priority).ThenBy(m => m.Id).ToList();
    }

    private async Task LoadContentsAsync(List<OutboxMessage> batch, Dictionary<long, OutboxContent> contents, CancellationToken cancellationToken)
    {
        var missing = batch.Where(m => m.ContentId is { } id && !contents.ContainsKey(id)).Select(m => m.ContentId!.Value).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var content in await db.OutboxContents.AsNoTracking().Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                contents[content.Id] = content;
            }
        }
    }

    // Hands claimed messages back so another run (or instance) sends them now, not after the lease.
    private async Task ReleaseAsync(IEnumerable<OutboxMessage> messages)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now), CancellationToken.None);
        }
    }
}
