using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Statements.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>
/// The publication workflow: draft → consultation → scheduled or published → archived or
/// withdrawn. Each move is checked against the current status, recorded in the audit log, and
/// answers with an English message key when refused.
/// </summary>
public sealed class StatementWorkflow(CollectifDb db, TimeProvider clock, AuditLog audit, PdfBacklog pdfs, Webhooks.WebhookAnnouncer webhooks)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Outcome> PublishAsync(Statement statement, CancellationToken cancellationToken)
    {
        if (statement.Status is not (StatementStatus.Draft or StatementStatus.Consultation or StatementStatus.Scheduled or StatementStatus.Archived))
        {
            return Task.FromResult(Outcome.Refused("This statement cannot be published from its current state."));
        }

        MakePublic(statement, Now);
        return PublishAndAnnounceAsync(statement, cancellationToken);
    }

    private async Task<Outcome> PublishAndAnnounceAsync(Statement statement, CancellationToken cancellationToken)
    {
        await webhooks.StatementPublishedAsync(statement, cancellationToken);
        var outcome = await SaveAsync(statement, AuditActions.StatementPublished, $"revision {statement.CurrentRevision}", cancellationToken);
        webhooks.Notify();
        return outcome;
    }

    public Task<Outcome> UnpublishAsync(Statement statement, CancellationToken cancellationToken)
    {
        if (statement.Status is not (StatementStatus.Published or StatementStatus.Scheduled))
        {
            return Task.FromResult(Outcome.Refused("Only a published or scheduled statement can go back to draft."));
        }

        statement.Status = StatementStatus.Draft;
        statement.ScheduledAt = null;
        return SaveAsync(statement, AuditActions.StatementUnpublished, $"revision {statement.CurrentRevision}", cancellationToken);
    }

    /// <summary>Publication at a given time (the embargo): hidden until then, published by <see cref="ScheduledPublisher"/>.</summary>
    public Task<Outcome> ScheduleAsync(Statement statement, DateTime atUtc, CancellationToken cancellationToken)
    {
        if (statement.Status is not (StatementStatus.Draft or StatementStatus.Consultation or StatementStatus.Scheduled))
        {
            return Task.FromResult(Outcome.Refused("Only a statement that is not public yet can be scheduled."));
        }

        if (atUtc <= Now)
        {
            return Task.FromResult(Outcome.Refused("Choose a time in the future."));
        }

        statement.Status = StatementStatus.Scheduled;
        statement.ScheduledAt = atUtc;
        return SaveAsync(statement, AuditActions.StatementScheduled, atUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>Opens the draft to member delegates; <paramref name="beforeSave"/> (the invitations) commits with it.</summary>
    public async Task<Outcome> OpenConsultationAsync(Statement statement, DateTime deadlineUtc, Func<CancellationToken, Task>? beforeSave, CancellationToken cancellationToken)
    {
        if (statement.Status is not (StatementStatus.Draft or StatementStatus.Consultation))
        {
            return Outcome.Refused("Only a draft can be opened to consultation.");
        }

        if (deadlineUtc <= Now)
        {
            return Outcome.Refused("Choose a deadline in the future.");
        }

        statement.Status = StatementStatus.Consultation;
        statement.ConsultationDeadline = deadlineUtc;
        statement.AmendmentsFrozen = false;
        if (beforeSave is not null)
        {
            await beforeSave(cancellationToken);
        }

        return await SaveAsync(statement, AuditActions.StatementConsultationOpened, deadlineUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }

    public Task<Outcome> CloseConsultationAsync(Statement statement, CancellationToken cancellationToken)
    {
        if (statement.Status != StatementStatus.Consultation)
        {
            return Task.FromResult(Outcome.Refused("This statement is not in consultation."));
        }

        statement.Status = StatementStatus.Draft;
        return SaveAsync(statement, AuditActions.StatementConsultationClosed, $"revision {statement.CurrentRevision}", cancellationToken);
    }

    public Task<Outcome> ArchiveAsync(Statement statement, CancellationToken cancellationToken)
    {
        if (statement.Status != StatementStatus.Published)
        {
            return Task.FromResult(Outcome.Refused("Only a published statement can be archived."));
        }

        statement.Status = StatementStatus.Archived;
        statement.ArchivedAt = Now;
        return SaveAsync(statement, AuditActions.StatementArchived, $"revision {statement.CurrentRevision}", cancellationToken);
    }

    /// <summary>A published text is withdrawn publicly: its address stays, with the date and reason instead of the text.</summary>
    public Task<Outcome> WithdrawAsync(Statement statement, string? reason, CancellationToken cancellationToken)
    {
        if (statement.Status is not (StatementStatus.Published or StatementStatus.Archived))
        {
            return Task.FromResult(Outcome.Refused("Only a published statement can be withdrawn."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return Task.FromResult(Outcome.Refused("Say in a few words why it is withdrawn (at most 1,000 characters); readers will see it."));
        }

        statement.Status = StatementStatus.Withdrawn;
        statement.WithdrawnAt = Now;
        statement.WithdrawalReason = reason.Trim();
        return SaveAsync(statement, AuditActions.StatementWithdrawn, statement.WithdrawalReason, cancellationToken);
    }

    /// <summary>
    /// Publishes every scheduled statement whose time has come; the publication date is the scheduled one.
    /// Every instance runs this: each statement is claimed by a conditional update in its own
    /// transaction, so when two instances pass at the same moment one publishes, records and
    /// announces it, and the other finds it already taken (PostgreSQL re-reads the row after the
    /// first commit; SQLite has one writer at a time).
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = await db.Statements.Where(s => s.Status == StatementStatus.Scheduled && s.ScheduledAt <= now).ToListAsync(cancellationToken);
        var published = new List<int>();
        foreach (var statement in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Statements
                .Where(s => s.Id == statement.Id && s.Status == StatementStatus.Scheduled)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, StatementStatus.Published), cancellationToken);
            if (claimed == 0)
            {
                db.Entry(statement).State = EntityState.Detached; // another instance published it
                continue;
            }

            MakePublic(statement, statement.ScheduledAt ?? now);
            audit.Record(AuditActions.StatementPublished, $"statement:{statement.Slug}", $"scheduled, revision {statement.CurrentRevision}");
            await webhooks.StatementPublishedAsync(statement, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            published.Add(statement.Id);
        }

        webhooks.Notify();
        published.ForEach(pdfs.Enqueue);
        return published.Count;
    }

    private static void MakePublic(Statement statement, DateTime at)
    {
        statement.Status = StatementStatus.Published;
        statement.PublishedAt ??= at;
        statement.ScheduledAt = null;
        statement.ArchivedAt = null;
    }

    private async Task<Outcome> SaveAsync(Statement statement, string action, string detail, CancellationToken cancellationToken)
    {
        audit.Record(action, $"statement:{statement.Slug}", detail);
        await db.SaveChangesAsync(cancellationToken);
        if (statement.Status == StatementStatus.Published)
        {
            pdfs.Enqueue(statement.Id);
        }

        return Outcome.Ok;
    }
}

/// <summary>
/// Honors scheduled publication (embargoes): once a minute on the application's clock, publishes
/// what is due. Runs on every instance; each statement is published (recorded, announced) once.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private TaskCompletionSource _pass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the next pass over due statements (for tests driving the clock).</summary>
    public Task NextPassAsync() => _pass.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<StatementWorkflow>().PublishDueAsync(stoppingToken);
                if (published > 0)
                {
                    logger.LogInformation("Published {Count} scheduled statement(s).", published);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Publishing scheduled statements failed; trying again in a minute.");
            }

            Interlocked.Exchange(ref _pass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
