using System.Diagnostics.Metrics;
using Collectif.Email;
using Collectif.Features.Petitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Collectif.Tests.Features.Petitions;

/// <summary>
/// New signatures are committed many to a transaction (group commit), each with its own
/// confirmation mail, and one that cannot be written does not take the others down.
/// </summary>
public sealed class SignatureWriterTests(CollectifApp app) : IClassFixture<CollectifApp>
{
    private SignatureWriter Writer => app.Services.GetRequiredService<SignatureWriter>();

    private static (PetitionSignature Signature, OutboxMessage Mail) NewSignature(int statementId, string email) =>
        (new PetitionSignature
        {
            StatementId = statementId,
            Status = SignatureStatus.Pending,
            EmailKey = "key-" + email,
            RevisionHash = "revision",
            TokenHash = "token-" + email,
            FirstName = "Camille",
            LastName = "Durand",
            Language = "fr",
        }, OutboxMessage.Create(email, "Confirmez votre signature", "Lien : …", DateTime.UnixEpoch, priority: OutboxMessage.Urgent));

    /// <summary>Every commit of new signatures (how many each held) recorded by this test's application.</summary>
    private sealed class Commits : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<int> _sizes = [];

        public Commits(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "collectif.petition.signatures.per_commit")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                lock (_sizes)
                {
                    _sizes.Add(size);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<int> Sizes
        {
            get
            {
                lock (_sizes)
                {
                    return [.. _sizes];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Signatures_arriving_together_share_a_commit_and_each_keeps_its_own_mail()
    {
        var (_, _, id) = await app.PublishedStatementAsync();
        using var commits = new Commits(app.Services.GetRequiredService<IMeterFactory>());
        var emails = Enumerable.Range(0, 60).Select(i => $"ensemble-{i}-{Guid.NewGuid():N}@example.org").ToList();

        // Handed over in one go, as concurrent requests do: the first may go alone, the rest wait for one commit.
        var written = await Task.WhenAll(emails.Select(email => NewSignature(id, email)).Select(s => Writer.WriteAsync(s.Signature, s.Mail)));

        written.ShouldAllBe(w => w == Written.Stored);
        commits.Sizes.Sum().ShouldBe(60);
        commits.Sizes.Count.ShouldBeLessThanOrEqualTo(3, $"commits of {string.Join(", ", commits.Sizes)} signatures");

        // Each mail is named after its own row (erasure finds a signer's mail by this reference).
        var rows = await app.WithDbAsync(db => db.PetitionSignatures.Where(s => s.StatementId == id).ToDictionaryAsync(s => s.EmailKey, s => s.Id));
        var mails = await app.WithDbAsync(db => db.OutboxMessages.Where(m => emails.Contains(m.ToAddress)).ToListAsync());
        rows.Count.ShouldBe(60);
        mails.Count.ShouldBe(60);
        mails.ShouldAllBe(m => m.Reference == PetitionService.OutboxPrefix + rows["key-" + m.ToAddress]);
    }

    [Fact]
    public async Task A_signature_recorded_meanwhile_is_told_so_and_the_others_of_its_batch_are_stored()
    {
        var (_, _, id) = await app.PublishedStatementAsync();
        var taken = $"deja-{Guid.NewGuid():N}@example.org";
        var (earlier, earlierMail) = NewSignature(id, taken);
        (await Writer.WriteAsync(earlier, earlierMail)).ShouldBe(Written.Stored);

        // Another instance (or a request that checked before the first committed) brings the same address again,
        // among others: the unique index refuses the batch, and each is then written on its own.
        var others = Enumerable.Range(0, 5).Select(i => NewSignature(id, $"autre-{i}-{Guid.NewGuid():N}@example.org")).ToList();
        var again = NewSignature(id, taken);
        var batch = others.Take(2).Append(again).Concat(others.Skip(2)).ToList();
        var written = await Task.WhenAll(batch.Select(s => Writer.WriteAsync(s.Signature, s.Mail)));

        written[2].ShouldBe(Written.AlreadyRecorded);
        written.Where((_, i) => i != 2).ShouldAllBe(w => w == Written.Stored);
        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(6);
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == taken))).ShouldBe(1);
        var addresses = others.Select(o => o.Mail.ToAddress).ToList();
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => addresses.Contains(m.ToAddress)))).ShouldBe(5);
    }

    [Fact]
    public async Task The_same_address_twice_in_one_batch_is_written_once()
    {
        var (_, _, id) = await app.PublishedStatementAsync();
        var email = $"double-{Guid.NewGuid():N}@example.org";
        var (first, firstMail) = NewSignature(id, email);
        var (second, secondMail) = NewSignature(id, email);

        var written = await Task.WhenAll(Writer.WriteAsync(first, firstMail), Writer.WriteAsync(second, secondMail));

        written.Order().ShouldBe([Written.Stored, Written.AlreadyRecorded]);
        (await app.WithDbAsync(db => db.PetitionSignatures.CountAsync(s => s.StatementId == id))).ShouldBe(1);
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email))).ShouldBe(1);
    }
}
