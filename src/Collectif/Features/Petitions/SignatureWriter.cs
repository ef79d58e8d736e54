using Collectif.Data;
using Collectif.Email;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Petitions;

/// <summary>What became of a new signature handed to <see cref="SignatureWriter"/>.</summary>
public enum Written
{
    /// <summary>Committed with its confirmation mail.</summary>
    Stored = 0,

    /// <summary>The same address was recorded for this petition first (a double submit, another instance): nothing written.</summary>
    AlreadyRecorded = 1,
}

/// <summary>
/// Writes new petition signatures and their confirmation mails, many per transaction (group commit).
/// A durable commit costs a disk flush whatever it holds, and SQLite takes one writer at a time:
/// signatures written one transaction each queue for the write lock and sleep in SQLite's busy
/// handler while it is free. Here requests hand their signature over and wait; one writer at a time
/// takes everything that has arrived meanwhile and commits it together, so every request is answered
/// only once its row and its mail are on disk, and a burst costs one flush per batch instead of
/// one per signature.
/// </summary>
public sealed class SignatureWriter(IServiceScopeFactory scopes, CollectifMetrics metrics, OutboxSignal outbox, ILogger<SignatureWriter> logger)
{
    /// <summary>The most signatures one transaction takes; a bigger burst waits for the next.</summary>
    public const int MaxBatch = 256;

    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _writing;

    /// <summary>A signature to insert and the confirmation mail to queue with it (none for a blocked one), which is named after the row's number.</summary>
    private sealed class Pending(PetitionSignature signature, OutboxMessage? mail)
    {
        public PetitionSignature Signature { get; } = signature;

        public OutboxMessage? Mail { get; } = mail;

        public TaskCompletionSource<Written> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Commits the signature and its mail together; the task ends when both are durable, or with the database's exception.</summary>
    public Task<Written> WriteAsync(PetitionSignature signature, OutboxMessage? mail)
    {
        var pending = new Pending(signature, mail);
        bool lead;
        lock (_gate)
        {
            _waiting.Add(pending);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            // Off the request: the writer goes on with later batches after this request is answered,
            // and carries none of its context (culture, HttpContext, trace) into theirs.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(DrainAsync);
            }
        }

        return pending.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }

                if (_waiting.Count <= MaxBatch)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting[..MaxBatch];
                    _waiting.RemoveRange(0, MaxBatch);
                }
            }

            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            // Two posts of the same address in one batch: the first is written, the others were recorded by it.
            var first = batch.DistinctBy(p => (p.Signature.StatementId, p.Signature.EmailKey)).ToList();
            foreach (var repeat in batch.Except(first))
            {
                repeat.Done.TrySetResult(Written.AlreadyRecorded);
            }

            try
            {
                await CommitAsync(first);
                Stored(first);
            }
            catch (DbUpdateException refused) when (!DatabaseUnavailable.Is(refused))
            {
                // One of them was probably recorded meanwhile by another request or instance (the
                // unique index refused it) and took the batch down: each on its own tells which.
                logger.LogInformation("A batch of {Count} signatures was refused; writing them one by one", first.Count);
                foreach (var pending in first)
                {
                    await WriteAloneAsync(pending);
                }
            }
        }
        catch (Exception failed)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(failed); // the database is away or full: each request answers 503
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        pending.Signature.Id = 0;
        try
        {
            await CommitAsync([pending]);
            Stored([pending]);
        }
        catch (DbUpdateException refused) when (!DatabaseUnavailable.Is(refused))
        {
            // Refused by the unique (petition, e-mail) index: recorded by the other writer. Anything
            // else refused it (the petition deleted meanwhile): not stored, and the request must not say it was.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
            var signature = pending.Signature;
            if (await db.PetitionSignatures.AnyAsync(s => s.StatementId == signature.StatementId && s.EmailKey == signature.EmailKey))
            {
                pending.Done.TrySetResult(Written.AlreadyRecorded);
            }
            else
            {
                pending.Done.TrySetException(refused);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> batch)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.PetitionSignatures.AddRange(batch.Select(p => p.Signature));
        await db.SaveChangesAsync(); // the rows first: their numbers name the mails
        foreach (var pending in batch.Where(p => p.Mail is not null))
        {
            pending.Mail!.Id = 0;
            pending.Mail.Reference = PetitionService.OutboxPrefix + pending.Signature.Id;
            db.OutboxMessages.Add(pending.Mail);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private void Stored(IReadOnlyList<Pending> batch)
    {
        metrics.SignaturesReceived(batch.Count);
        foreach (var pending in batch)
        {
            pending.Done.TrySetResult(Written.Stored);
        }

        outbox.Notify();
    }
}
