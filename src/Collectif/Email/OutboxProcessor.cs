using Collectif.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Email;

/// <summary>
/// Sends the due messages of the outbox. Safe with several instances: each message is first
/// leased by a conditional update, so only one instance sends it; a crash during sending leaves
/// the lease to expire and the message is tried again (at-least-once delivery).
/// </summary>
public sealed class OutboxProcessor(CollectifDb db, SmtpMailSender sender, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxProcessor> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <returns>How many messages were sent.</returns>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        if (!sender.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Priority).ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var message in due)
        {
            var leased = await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now + Lease), cancellationToken);
            if (leased == 0)
            {
                continue; // another instance has it
            }

            try
            {
                await sender.SendAsync(message, cancellationToken);
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
                        .SetProperty(m => m.Attempts, message.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null),
                    cancellationToken);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                var failed = attempts >= OutboxMessage.MaxAttempts;
                logger.LogWarning(exception, "Sending outbox message {Id} to {Address} failed (attempt {Attempts}).", message.Id, message.ToAddress, attempts);
                var error = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
                await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    u => u.SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                        .SetProperty(m => m.NextAttemptAt, now + OutboxMessage.Backoff(attempts))
                        .SetProperty(m => m.LastError, error),
                    cancellationToken);
            }
        }

        return sent;
    }
}
