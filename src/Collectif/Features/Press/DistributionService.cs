using Collectif.Data;
using Collectif.Email;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Press;

/// <summary>What a distribution would send: recipients per language, and who is left out and why.</summary>
public sealed record DistributionPlan(IReadOnlyList<(PressContact Contact, Statement Version)> Recipients, int Unsubscribed, int Bounced);

public sealed record DistributionProgress(int Queued, int Sent, int Failed, int Bounced, int Cancelled)
{
    public int Total => Queued + Sent + Failed + Bounced + Cancelled;
    public bool Finished => Queued == 0;
}

/// <summary>A recipient and where its mail is.</summary>
public sealed class RecipientState
{
    public required DistributionRecipient Recipient { get; init; }
    public RecipientStatus Status { get; init; }
    public DateTime? SentAt { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
}

/// <summary>Plans, schedules, cancels and follows the sending of a press release to journalists.</summary>
public sealed class DistributionService(
    CollectifDb db,
    CurrentCoalition currentCoalition,
    PublicUrl publicUrl,
    OutboxSignal outbox,
    AuditLog audit,
    TimeProvider clock,
    IOptions<EmailOptions> email,
    IStringLocalizerFactory localizers)
{
    public static string Reference(int distributionId) => "distribution:" + distributionId;

    /// <summary>The release and its translations that journalists may receive (scheduled or published), by language.</summary>
    public async Task<IReadOnlyDictionary<string, Statement>> VersionsAsync(Statement release, CancellationToken cancellationToken)
    {
        var root = release.TranslationOfId ?? release.Id;
        var versions = await db.Statements.AsNoTracking().Include(s => s.BylineOrganization)
            .Where(s => (s.Id == root || s.TranslationOfId == root) && (s.Status == StatementStatus.Published || s.Status == StatementStatus.Scheduled))
            .ToListAsync(cancellationToken);
        var byLanguage = new Dictionary<string, Statement>();
        foreach (var version in versions.OrderBy(v => v.Id == release.Id ? 0 : 1))
        {
            byLanguage.TryAdd(version.Language, version);
        }

        return byLanguage;
    }

    public async Task<DistributionPlan> PlanAsync(Statement release, IReadOnlyCollection<int> listIds, IReadOnlyCollection<int> contactIds, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(release, cancellationToken);
        var contacts = await db.PressContacts.AsNoTracking()
            .Where(c => contactIds.Contains(c.Id) || c.Lists.Any(m => listIds.Contains(m.PressListId)))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var recipients = new List<(PressContact, Statement)>();
        foreach (var contact in contacts.Where(c => c.CanReceive))
        {
            var language = contact.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(versions.ContainsKey);
            recipients.Add((contact, language is null ? versions.GetValueOrDefault(release.Language, release) : versions[language]));
        }

        return new DistributionPlan(recipients, contacts.Count(c => c.UnsubscribedAt is not null), contacts.Count(c => c.UnsubscribedAt is null && c.BouncedAt is not null));
    }

    /// <summary>The mail of one version, with the embargo that applies when it is sent at <paramref name="sendAt"/>.</summary>
    public async Task<PressMail> RenderAsync(Statement version, DateTime sendAt, CancellationToken cancellationToken)
    {
        var coalition = await currentCoalition.GetAsync(cancellationToken);
        var source = await SourceTransparency.ForAsync(db, version, coalition, cancellationToken);
        var embargo = Embargo(version, sendAt);
        var image = version.ImageContentType is null ? null : publicUrl.Base + StatementImageEndpoint.Url(version);
        return PressReleaseMail.Render(version, coalition, source, embargo, Permalink(version), image, FixedCultureLocalizer.For(localizers, version.Language));
    }

    public string Permalink(Statement version) => $"{publicUrl.Base}/statements/{version.Slug}";

    /// <summary>The release goes public later than the mail goes out: the mail carries the embargo.</summary>
    public static DateTime? Embargo(Statement version, DateTime sendAt) =>
        version.Status == StatementStatus.Scheduled && version.ScheduledAt is { } at && at > sendAt ? at : null;

    /// <summary>Why the release cannot be distributed, or null.</summary>
    public async Task<RowProblem?> ProblemAsync(Statement release, CancellationToken cancellationToken)
    {
        if (release.Kind != StatementKind.PressRelease)
        {
            return new RowProblem("Only a press release can be sent to the press.");
        }

        if (release.Status is not (StatementStatus.Published or StatementStatus.Scheduled))
        {
            return new RowProblem("Publish the release or schedule its publication first: journalists receive the text that goes online.");
        }

        return await SourceTransparency.ProblemAsync(db, release, CoalitionDomains(), cancellationToken);
    }

    private IEnumerable<string> CoalitionDomains()
    {
        yield return email.Value.FromAddress.Split('@').Last();
        if (Uri.TryCreate(publicUrl.Base, UriKind.Absolute, out var site))
        {
            yield return site.Host;
        }
    }

    /// <summary>
    /// Writes the distribution, its recipients and one outbox message per recipient in one
    /// transaction: either all of it is queued or nothing is.
    /// </summary>
    public async Task<Distribution> ScheduleAsync(Statement release, DistributionPlan plan, IReadOnlyList<string> listNames, DateTime sendAt, int? accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        sendAt = sendAt < now ? now : sendAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var distribution = new Distribution
        {
            StatementId = release.Id,
            RevisionNumber = release.CurrentRevision,
            SendAt = sendAt,
            EmbargoUntil = Embargo(release, sendAt),
            ListNames = string.Join(", ", listNames),
            CreatedByAccountId = accountId,
            CreatedAt = now,
        };
        db.Distributions.Add(distribution);
        await db.SaveChangesAsync(cancellationToken);

        var contents = new Dictionary<int, OutboxContent>();
        foreach (var version in plan.Recipients.Select(r => r.Version).DistinctBy(v => v.Id))
        {
            var mail = await RenderAsync(version, sendAt, cancellationToken);
            contents[version.Id] = new OutboxContent { Subject = mail.Subject, TextBody = mail.Text, HtmlBody = mail.Html };
            db.OutboxContents.Add(contents[version.Id]);
        }

        await db.SaveChangesAsync(cancellationToken);
        var contentIds = contents.ToDictionary(c => c.Key, c => (c.Value.Id, c.Value.Subject));

        // In chunks, so memory stays bounded for 100,000 recipients; still one transaction.
        foreach (var chunk in plan.Recipients.Chunk(1000))
        {
            db.ChangeTracker.Clear();
            foreach (var (contact, version) in chunk)
            {
                var (contentId, subject) = contentIds[version.Id];
                var message = OutboxMessage.Create(contact.Email, subject, "", sendAt, toName: contact.Name, reference: Reference(distribution.Id), priority: OutboxMessage.Bulk);
                message.ContentId = contentId;
                message.IdempotencyKey = $"press:{distribution.Id}:{contact.Id}";
                message.UnsubscribeUrl = UnsubscribeUrl(contact);
                db.DistributionRecipients.Add(new DistributionRecipient
                {
                    DistributionId = distribution.Id,
                    PressContactId = contact.Id,
                    Email = contact.Email,
                    Name = contact.Name,
                    Language = version.Language,
                    StatementId = version.Id,
                    OutboxMessage = message,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        audit.Record("press.distribution.scheduled", release.Slug, $"{plan.Recipients.Count} recipients at {sendAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return distribution;
    }

    public string UnsubscribeUrl(PressContact contact) => $"{publicUrl.Base}/press/unsubscribe/{contact.UnsubscribeToken}";

    /// <summary>Stops what has not been sent yet; what was sent stays recorded.</summary>
    public async Task<int> CancelAsync(Distribution distribution, CancellationToken cancellationToken)
    {
        var reference = Reference(distribution.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cancelled = await db.OutboxMessages.Where(m => m.Reference == reference && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
        distribution.Status = DistributionStatus.Cancelled;
        distribution.CancelledAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("press.distribution.cancelled", distribution.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{cancelled} mails not sent");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return cancelled;
    }

    public Task<bool> ExistsAsync(int distributionId, CancellationToken cancellationToken) => db.Distributions.AnyAsync(d => d.Id == distributionId, cancellationToken);

    /// <summary>Counts of recipients by status: Bounced and Cancelled from the recipient, the rest from its outbox message.</summary>
    public async Task<DistributionProgress> ProgressAsync(int distributionId, CancellationToken cancellationToken)
    {
        var counts = await RecipientStates(distributionId).GroupBy(s => s).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(RecipientStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        return new DistributionProgress(Count(RecipientStatus.Queued), Count(RecipientStatus.Sent), Count(RecipientStatus.Failed), Count(RecipientStatus.Bounced), Count(RecipientStatus.Cancelled));
    }

    private IQueryable<RecipientStatus> RecipientStates(int distributionId) =>
        WithStatus(db, db.DistributionRecipients.Where(r => r.DistributionId == distributionId)).Select(r => r.Status);

    /// <summary>Each recipient with its status: Bounced and Cancelled as stored, the rest as its outbox message says.</summary>
    public static IQueryable<RecipientState> WithStatus(CollectifDb db, IQueryable<DistributionRecipient> recipients) =>
        from r in recipients
        join m in db.OutboxMessages on r.OutboxMessageId equals m.Id into messages
        from m in messages.DefaultIfEmpty()
        select new RecipientState
        {
            Recipient = r,
            Status = r.Status == RecipientStatus.Bounced ? RecipientStatus.Bounced
                : r.Status == RecipientStatus.Cancelled || m == null || m.Status == OutboxStatus.Cancelled ? RecipientStatus.Cancelled
                : m.Status == OutboxStatus.Sent ? RecipientStatus.Sent
                : m.Status == OutboxStatus.Failed ? RecipientStatus.Failed
                : RecipientStatus.Queued,
            SentAt = m == null ? null : m.SentAt,
            Attempts = m == null ? 0 : m.Attempts,
            LastError = m == null ? null : m.LastError,
        };

    /// <summary>A copy to the officer's own address, sent at once, without the embargo date moving.</summary>
    public async Task SendTestAsync(Statement version, string to, DateTime sendAt, CancellationToken cancellationToken)
    {
        var mail = await RenderAsync(version, sendAt, cancellationToken);
        var placeholder = OutboxMessage.UnsubscribePlaceholder;
        var target = publicUrl.Base + "/press";
        db.OutboxMessages.Add(OutboxMessage.Create(to, "[TEST] " + mail.Subject, mail.Text.Replace(placeholder, target, StringComparison.Ordinal), clock.GetUtcNow().UtcDateTime,
            html: mail.Html.Replace(placeholder, target, StringComparison.Ordinal), reference: "press-test:" + version.Id, priority: OutboxMessage.Urgent));
        audit.Record("press.test-sent", version.Slug, to);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
    }

    /// <summary>The contact asked to stop: recorded, and the mails still queued for them are cancelled.</summary>
    public async Task<PressContact?> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var contact = await db.PressContacts.SingleOrDefaultAsync(c => c.UnsubscribeToken == token, cancellationToken);
        if (contact is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (contact.UnsubscribedAt is null)
        {
            contact.UnsubscribedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("press.contact.unsubscribed", contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
        }

        await CancelQueuedAsync(contact.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contact;
    }

    /// <summary>The contact's mails still waiting in the outbox will not be sent (unsubscribed, erased).</summary>
    public Task<int> CancelQueuedAsync(int contactId, CancellationToken cancellationToken)
    {
        var queued = db.DistributionRecipients.Where(r => r.PressContactId == contactId).Select(r => r.OutboxMessageId);
        return db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && queued.Contains(m.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
    }

    /// <summary>A mail came back for good: the recipient shows it, and the contact is not written to until cleared.</summary>
    public async Task MarkBouncedAsync(DistributionRecipient recipient, string reason, CancellationToken cancellationToken)
    {
        recipient.Status = RecipientStatus.Bounced;
        recipient.Detail = reason.Length > 500 ? reason[..500] : reason;
        if (recipient.PressContactId is { } contactId && await db.PressContacts.FindAsync([contactId], cancellationToken) is { } contact)
        {
            contact.BouncedAt = clock.GetUtcNow().UtcDateTime;
            contact.BounceReason = recipient.Detail;
        }

        audit.Record("press.recipient.bounced", recipient.Email, recipient.Detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
