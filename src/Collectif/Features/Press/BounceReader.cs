using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Email;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Collectif.Features.Press;

/// <summary>One failed delivery in a bounce: the address, the status (5.1.1…) and what the server said.</summary>
public sealed record BouncedRecipient(string Address, string Status, string? Diagnostic, long? OutboxMessageId)
{
    /// <summary>5.x.x with action "failed": the address does not work. 4.x.x is a delay; the server keeps trying.</summary>
    public bool IsPermanent => Status.StartsWith('5');
}

/// <summary>
/// Reads delivery status notifications (RFC 3464: multipart/report; report-type=delivery-status),
/// the form mail servers send bounces in, with MimeKit's parser.
/// </summary>
public static partial class BounceReport
{
    public static IReadOnlyList<BouncedRecipient> Parse(MimeMessage message)
    {
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is null)
        {
            return [];
        }

        // Our Message-Id ("outbox-{id}-…") in the returned headers says exactly which mail came back.
        long? outboxId = null;
        // text/rfc822-headers and message/rfc822 are both parsed as a MessagePart.
        var returned = message.BodyParts.OfType<MessagePart>().FirstOrDefault()?.Message?.MessageId;
        if (returned is not null && OutboxMessageId().Match(returned + "@") is { Success: true } match)
        {
            outboxId = long.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var bounced = new List<BouncedRecipient>();
        foreach (var group in report.StatusGroups.Skip(1))
        {
            var recipient = group["Final-Recipient"] ?? group["Original-Recipient"];
            var action = group["Action"]?.Trim();
            var status = group["Status"]?.Trim();
            if (recipient is null || status is null || !string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var address = recipient.Contains(';', StringComparison.Ordinal) ? recipient[(recipient.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim() : recipient.Trim();
            bounced.Add(new BouncedRecipient(address.Trim('<', '>'), status, group["Diagnostic-Code"]?.Trim(), outboxId));
        }

        return bounced;
    }

    [GeneratedRegex(@"outbox-(?<id>\d+)-\d+@", RegexOptions.CultureInvariant)]
    private static partial Regex OutboxMessageId();
}

/// <summary>
/// Watches the bounce mailbox over IMAP (MailKit): each unread delivery report marks its
/// recipient and contact as bounced; the report is then marked read, so it is handled once.
/// </summary>
public sealed class BounceReader(CollectifDb db, DistributionService distributions, TimeProvider clock, IOptions<EmailOptions> options, ILogger<BounceReader> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Bounces.ImapHost);

    /// <returns>How many recipients were marked as bounced.</returns>
    public async Task<int> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Bounces;
        if (!IsConfigured)
        {
            return 0;
        }

        using var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.ImapHost!, settings.ImapPort, settings.Security.ToSocketOptions(), cancellationToken);
        await client.AuthenticateAsync(settings.Username ?? "", settings.Password ?? "", cancellationToken);
        var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var marked = 0;
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken))
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken);
            foreach (var bounce in BounceReport.Parse(message).Where(b => b.IsPermanent))
            {
                if (await MarkAsync(bounce, cancellationToken))
                {
                    marked++;
                }
            }

            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return marked;
    }

    private async Task<bool> MarkAsync(BouncedRecipient bounce, CancellationToken cancellationToken)
    {
        var reason = string.Join(" ", new[] { bounce.Status, bounce.Diagnostic }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var address = bounce.Address.ToLowerInvariant();
        var recipient = bounce.OutboxMessageId is { } id
            ? await db.DistributionRecipients.FirstOrDefaultAsync(r => r.OutboxMessageId == id, cancellationToken)
            : null;
        recipient ??= await db.DistributionRecipients.Where(r => r.PressContact != null && r.PressContact.EmailKey == address).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (recipient is not null)
        {
            await distributions.MarkBouncedAsync(recipient, reason, cancellationToken);
            return true;
        }

        var contact = await db.PressContacts.FirstOrDefaultAsync(c => c.EmailKey == address, cancellationToken);
        if (contact is null)
        {
            logger.LogInformation("A bounce for {Address} matches no press contact.", bounce.Address);
            return false;
        }

        contact.BouncedAt = clock.GetUtcNow().UtcDateTime;
        contact.BounceReason = reason.Length > 500 ? reason[..500] : reason;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>Reads the bounce mailbox every <see cref="BounceMailboxOptions.PollInterval"/> when one is configured.</summary>
public sealed class BounceMailboxWorker(IServiceScopeFactory scopes, IOptions<EmailOptions> options, ILogger<BounceMailboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Bounces.ImapHost) || !options.Value.RunWorker)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Bounces.PollInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<BounceReader>().ReadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a mailbox that is down must not stop the application; it is tried again next time
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogWarning(exception, "Reading the bounce mailbox failed; it is tried again in {Interval}.", options.Value.Bounces.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
