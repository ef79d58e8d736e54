using System.Security.Cryptography;
using System.Threading.Channels;
using Collectif.Data;
using Collectif.Text;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Press;

/// <summary>
/// Merges an uploaded file into the contacts, a chunk per transaction: each commit holds the
/// contacts of the chunk and the progress counter, so the progress bar is true and a restart
/// resumes after the last committed chunk without creating anything twice.
/// </summary>
public sealed class ContactImporter(CollectifDb db, TimeProvider clock, IStringLocalizerFactory localizers)
{
    public const int ChunkSize = 500;
    private const int MaxProblemLines = 200;

    public async Task RunAsync(int importId, CancellationToken cancellationToken)
    {
        var import = await db.ContactImports.SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is not { Status: ImportStatus.Running, Content: not null })
        {
            return;
        }

        var localizer = FixedCultureLocalizer.For(localizers, import.Language);
        var table = ContactCsv.Read(ContactCsv.Decode(import.Content).Text);
        var mapping = import.Fields;
        import.TotalRows = table.Rows.Count;
        while (import.ProcessedRows < table.Rows.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = table.Rows.Skip(import.ProcessedRows).Take(ChunkSize).ToList();
            await MergeAsync(import, chunk, mapping, localizer, cancellationToken);
            import.ProcessedRows += chunk.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(import);
        }

        import.Status = ImportStatus.Done;
        import.FinishedAt = clock.GetUtcNow().UtcDateTime;
        import.Content = null; // the file held personal data; the contacts are what was wanted
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task MergeAsync(ContactImport import, List<(int Line, string[] Fields)> chunk, ContactField[] mapping, FixedCultureLocalizer localizer, CancellationToken cancellationToken)
    {
        var rows = new List<ContactRow>();
        foreach (var (line, fields) in chunk)
        {
            var (row, problem) = ContactCsv.ToContact(line, fields, mapping);
            if (row is null)
            {
                import.Skipped++;
                Problem(import, line, problem!.Argument is { } argument ? localizer[problem.Message, argument] : localizer[problem.Message], localizer);
                continue;
            }

            rows.Add(row);
        }

        var keys = rows.Select(r => Key(r.Email)).Distinct().ToList();
        var contacts = await db.PressContacts.Include(c => c.Lists).Where(c => keys.Contains(c.EmailKey)).ToDictionaryAsync(c => c.EmailKey, cancellationToken);
        var outletKeys = rows.Where(r => r.Outlet is not null).Select(r => TextKey.Normalize(r.Outlet)).Distinct().ToList();
        var outlets = await db.MediaOutlets.Where(o => outletKeys.Contains(o.NameKey)).ToDictionaryAsync(o => o.NameKey, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var row in rows)
        {
            MediaOutlet? outlet = null;
            if (row.Outlet is not null)
            {
                var outletKey = TextKey.Normalize(row.Outlet);
                if (!outlets.TryGetValue(outletKey, out outlet))
                {
                    outlet = new MediaOutlet { Name = row.Outlet, NameKey = outletKey };
                    db.MediaOutlets.Add(outlet);
                    outlets[outletKey] = outlet;
                }
            }

            var key = Key(row.Email);
            if (contacts.TryGetValue(key, out var contact))
            {
                // The same person again (in the registry or earlier in the file): fill what is missing, keep what an officer wrote.
                import.Merged++;
                if (contact.Name == contact.Email && row.Name != row.Email)
                {
                    contact.Name = row.Name;
                }

                contact.Outlet ??= outlet;
                contact.Role ??= row.Role;
                contact.Phone ??= row.Phone;
                contact.Topics = MergeTopics(contact.Topics, row.Topics);
                contact.Notes ??= row.Notes;
                contact.UpdatedAt = now;
            }
            else
            {
                import.Created++;
                contact = NewContact(row.Email, row.Name, now);
                contact.Outlet = outlet;
                contact.Role = row.Role;
                contact.Phone = row.Phone;
                contact.Languages = row.Languages ?? "fr";
                contact.Topics = row.Topics;
                contact.Notes = row.Notes;
                contact.ConsentBasis = ConsentBasis.LegitimateInterest;
                contact.ConsentDate = DateOnly.FromDateTime(now);
                db.PressContacts.Add(contact);
                contacts[key] = contact;
            }

            if (import.PressListId is { } listId && contact.Lists.All(m => m.PressListId != listId))
            {
                contact.Lists.Add(new PressListMember { PressListId = listId, PressContact = contact });
            }
        }
    }

    private static void Problem(ContactImport import, int line, string message, FixedCultureLocalizer localizer)
    {
        if (import.Skipped <= MaxProblemLines)
        {
            import.Problems += localizer["Line {0}: {1}", line, message] + "\n";
        }
    }

    private static string? MergeTopics(string? existing, string? added)
    {
        if (added is null)
        {
            return existing;
        }

        var topics = (existing ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var topic in added.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                topics.Add(topic);
            }
        }

        var joined = string.Join(", ", topics);
        return joined.Length <= PressLimits.Topics ? joined : existing;
    }

    public static string Key(string email) => email.Trim().ToLowerInvariant();

    public static PressContact NewContact(string email, string name, DateTime now) => new()
    {
        Name = name,
        Email = email,
        EmailKey = Key(email),
        UnsubscribeToken = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)),
        CreatedAt = now,
        UpdatedAt = now,
    };
}

/// <summary>Runs imports in the background, one at a time, and resumes those a restart interrupted.</summary>
public sealed class ContactImportWorker(IServiceScopeFactory scopes, ILogger<ContactImportWorker> logger) : BackgroundService
{
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();

    public void Enqueue(int importId) => _queue.Writer.TryWrite(importId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CollectifDb>();
                foreach (var id in await db.ContactImports.Where(i => i.Status == ImportStatus.Running).Select(i => i.Id).ToListAsync(stoppingToken))
                {
                    Enqueue(id);
                }
            }

            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ContactImporter>().RunAsync(id, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The import stays Running: the next start resumes it; the page shows it has not moved.
                    logger.LogError(exception, "Import {Id} of press contacts failed.", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
