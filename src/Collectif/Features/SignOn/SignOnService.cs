using Collectif.Data;
using Collectif.Email;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Features.Ledger;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.SignOn;

/// <summary>
/// Collects organizations' signatures on a statement: opens a sign-on, records delegates' answers
/// (signed in, or through the signed link of their invitation), counts silent consent at the
/// deadline, reminds those who have not answered, takes late signatures and withdrawals after
/// publication, and asks signers to confirm when the text changes. Every signature and withdrawal
/// is appended to the statement's ledger in the same transaction as the signatory row it changes.
/// </summary>
public sealed class SignOnService(
    CollectifDb db, SignatureLedger ledger, TimeProvider clock, AuditLog audit, OutboxSignal outbox,
    PublicUrl publicUrl, IDataProtectionProvider protection, IStringLocalizerFactory localizers, Webhooks.WebhookAnnouncer webhooks)
{
    /// <summary>How long before the deadline the reminder goes to those who have not answered.</summary>
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromHours(48);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IDataProtector Links => protection.CreateProtector("Collectif.SignOn.Link");

    public sealed record Invitees(IReadOnlyCollection<int> Members, IReadOnlyCollection<int> Partners);

    /// <summary>A delegate's one-click link: who, for which organization, on which sign-on; signed, so it cannot be forged or altered.</summary>
    public string LinkToken(int signOnId, int organizationId, int accountId) => Links.Protect($"{signOnId}:{organizationId}:{accountId}");

    public (int SignOnId, int OrganizationId, int AccountId)? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500)
        {
            return null;
        }

        try
        {
            var parts = Links.Unprotect(token).Split(':');
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public async Task<Outcome> OpenAsync(Statement statement, Invitees invitees, DateTime deadline, ConsentRule rule, string? openedBy, CancellationToken cancellationToken)
    {
        if (await db.SignOns.AnyAsync(s => s.StatementId == statement.Id, cancellationToken))
        {
            return Outcome.Refused("A sign-on is already open for this statement.");
        }

        if (statement.Status == StatementStatus.Withdrawn)
        {
            return Outcome.Refused("A withdrawn statement cannot be signed.");
        }

        if (deadline <= Now)
        {
            return Outcome.Refused("Choose a deadline in the future.");
        }

        var ids = invitees.Members.Concat(invitees.Partners).Distinct().ToList();
        var organizations = await db.Organizations.Where(o => ids.Contains(o.Id) && o.MergedIntoId == null).Select(o => o.Id).ToListAsync(cancellationToken);
        if (organizations.Count == 0)
        {
            return Outcome.Refused("Invite at least one organization.");
        }

        var signOn = new SignOn
        {
            StatementId = statement.Id,
            RevisionNumber = statement.CurrentRevision,
            ConsentRule = rule,
            Deadline = deadline,
            OpenedAt = Now,
            OpenedByEmail = openedBy,
            Invitations = organizations.Select(id => new SignOnInvitation { OrganizationId = id, IsPartner = !invitees.Members.Contains(id), InvitedAt = Now }).ToList(),
        };
        db.SignOns.Add(signOn);
        audit.Record(AuditActions.SignOnOpened, $"statement:{statement.Slug}", $"{organizations.Count} organizations, {rule}, until {deadline:u}");
        await db.SaveChangesAsync(cancellationToken);
        await QueueMailsAsync(statement, signOn, organizations, MailKind.Invitation, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return Outcome.Ok;
    }

    /// <summary>
    /// A delegate's answer for an organization. Before the deadline any answer, changeable; after
    /// it, only a late signature on a published statement. Saying "sign" again on the same text
    /// changes nothing and counts nothing twice; on a newer text it confirms.
    /// </summary>
    public async Task<Outcome> AnswerAsync(Statement statement, SignOn signOn, int organizationId, int? accountId, AnswerChoice choice, string? comment, CancellationToken cancellationToken)
    {
        // Two answers at the same moment (a double submit, two delegates) race for the same ledger
        // number; the loser's transaction is refused by the unique index and simply runs again on
        // what the winner wrote, so nothing is counted twice and nobody sees an error.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AnswerOnceAsync(statement, signOn, organizationId, accountId, choice, comment, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome> AnswerOnceAsync(Statement statement, SignOn signOn, int organizationId, int? accountId, AnswerChoice choice, string? comment, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(choice))
        {
            return Outcome.Refused("Choose whether your organization signs, declines or abstains.");
        }

        if (comment is { Length: > SignOnAnswer.CommentMaxLength })
        {
            return Outcome.Refused("The comment is too long (at most {0} characters).", SignOnAnswer.CommentMaxLength);
        }

        if (!await db.SignOnInvitations.AnyAsync(i => i.SignOnId == signOn.Id && i.OrganizationId == organizationId, cancellationToken))
        {
            return Outcome.Refused("This organization was not invited to sign this statement.");
        }

        var published = statement.Status is StatementStatus.Published or StatementStatus.Archived;
        var late = Now > signOn.Deadline;
        if (late && !(published && choice == AnswerChoice.Sign))
        {
            return Outcome.Refused("The deadline has passed: answers are closed. Once the statement is published, your organization can still add its signature.");
        }

        if (statement.Status == StatementStatus.Withdrawn || statement.CurrentContentHash is null)
        {
            return Outcome.Refused("A withdrawn statement cannot be signed.");
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var signer = SignerName(organization);
        db.SignOnAnswers.Add(new SignOnAnswer
        {
            SignOnId = signOn.Id,
            OrganizationId = organizationId,
            AccountId = accountId,
            Choice = choice,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            RevisionNumber = statement.CurrentRevision,
            ContentHash = statement.CurrentContentHash,
            AnsweredAt = Now,
        });
        var existing = await db.StatementSignatories.FirstOrDefaultAsync(s => s.StatementId == statement.Id && s.OrganizationId == organizationId && s.WithdrawnAt == null, cancellationToken);
        if (choice == AnswerChoice.Sign)
        {
            if (existing is { ContentHash: var hash } && (hash == statement.CurrentContentHash || hash is null))
            {
                await db.SaveChangesAsync(cancellationToken); // the answer is kept; the signature already counts
                return Outcome.Ok;
            }

            if (existing is not null)
            {
                existing.ContentHash = statement.CurrentContentHash;
                existing.RevisionNumber = statement.CurrentRevision;
                existing.AccountId = accountId;
                existing.LedgerSequence = (await ledger.AppendAsync(statement.Id, statement.CurrentContentHash, signer, LedgerActions.Confirmed, cancellationToken)).Sequence;
            }
            else
            {
                var kind = published && late ? SignatureKind.Late : SignatureKind.SignedOn;
                var entry = await ledger.AppendAsync(statement.Id, statement.CurrentContentHash, signer, kind == SignatureKind.Late ? LedgerActions.Late : LedgerActions.Signature, cancellationToken);
                db.StatementSignatories.Add(new StatementSignatory
                {
                    StatementId = statement.Id,
                    OrganizationId = organizationId,
                    Kind = kind,
                    AddedAt = Now,
                    AccountId = accountId,
                    RevisionNumber = statement.CurrentRevision,
                    ContentHash = statement.CurrentContentHash,
                    LedgerSequence = entry.Sequence,
                    Position = await NextPositionAsync(statement.Id, cancellationToken),
                });
                await webhooks.OrganizationSignedAsync(statement, organization, kind, entry.Sequence, cancellationToken);
            }
        }
        else if (existing is not null)
        {
            // A change of mind before the deadline: the signature goes, and the ledger says so.
            await ledger.AppendAsync(statement.Id, existing.ContentHash ?? "", signer, LedgerActions.Withdrawn, cancellationToken);
            db.StatementSignatories.Remove(existing);
        }

        audit.Record(AuditActions.SignOnAnswered, $"statement:{statement.Slug}", $"{signer}: {choice}{(late ? " (late)" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        webhooks.Notify();
        return Outcome.Ok;
    }

    /// <summary>After publication, an organization takes its signature back; the page keeps a dated notice.</summary>
    public async Task<Outcome> WithdrawAsync(Statement statement, int organizationId, string? reason, CancellationToken cancellationToken)
    {
        var signatory = await db.StatementSignatories.Include(s => s.Organization).FirstOrDefaultAsync(s => s.StatementId == statement.Id && s.OrganizationId == organizationId && s.WithdrawnAt == null, cancellationToken);
        if (signatory?.Organization is null)
        {
            return Outcome.Refused("This organization has not signed this statement.");
        }

        if (reason is { Length: > 1000 })
        {
            return Outcome.Refused("The reason is too long (at most {0} characters).", 1000);
        }

        signatory.WithdrawnAt = Now;
        signatory.WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await ledger.AppendAsync(statement.Id, signatory.ContentHash ?? "", SignerName(signatory.Organization), LedgerActions.Withdrawn, cancellationToken);
        audit.Record(AuditActions.SignatureWithdrawn, $"statement:{statement.Slug}", $"{signatory.Organization.Name}: {signatory.WithdrawalReason}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>At the deadline: under silent consent, invited members who did not answer are counted, and marked as such.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = await db.SignOns.Include(s => s.Statement).Include(s => s.Invitations).ThenInclude(i => i.Organization)
            .Where(s => s.ClosedAt == null && s.Deadline <= now).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var signOn in due)
        {
            // Every instance runs the scheduler: the sign-on is claimed by a conditional update in the
            // ledger's transaction, so silent consent is counted (and announced) by one instance only.
            var claimed = await ledger.InTurnAsync(signOn.StatementId, async () =>
            {
                if (await db.SignOns.Where(s => s.Id == signOn.Id && s.ClosedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.ClosedAt, now), cancellationToken) == 0)
                {
                    db.Entry(signOn).State = EntityState.Detached;
                    return false;
                }

                var statement = signOn.Statement!;
                if (signOn.ConsentRule == ConsentRule.Silent && statement.CurrentContentHash is { } hash && statement.Status != StatementStatus.Withdrawn)
                {
                    var answered = await db.SignOnAnswers.Where(a => a.SignOnId == signOn.Id).Select(a => a.OrganizationId).Distinct().ToListAsync(cancellationToken);
                    var listed = await db.StatementSignatories.Where(s => s.StatementId == statement.Id && s.OrganizationId != null).Select(s => s.OrganizationId!.Value).ToListAsync(cancellationToken);
                    foreach (var invitation in signOn.Invitations.Where(i => !i.IsPartner && !answered.Contains(i.OrganizationId) && !listed.Contains(i.OrganizationId)))
                    {
                        var entry = await ledger.AppendAsync(statement.Id, hash, SignerName(invitation.Organization!), LedgerActions.SilentConsent, cancellationToken);
                        db.StatementSignatories.Add(new StatementSignatory
                        {
                            StatementId = statement.Id,
                            OrganizationId = invitation.OrganizationId,
                            Kind = SignatureKind.SilentConsent,
                            AddedAt = signOn.Deadline,
                            RevisionNumber = statement.CurrentRevision,
                            ContentHash = hash,
                            LedgerSequence = entry.Sequence,
                            Position = await NextPositionAsync(statement.Id, cancellationToken),
                        });
                        await webhooks.OrganizationSignedAsync(statement, invitation.Organization!, SignatureKind.SilentConsent, entry.Sequence, cancellationToken);
                    }
                }

                signOn.ClosedAt = now;
                audit.Record(AuditActions.SignOnClosed, $"statement:{statement.Slug}", signOn.ConsentRule.ToString());
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }, cancellationToken);
            closed += claimed ? 1 : 0;
        }

        webhooks.Notify();
        return closed;
    }

    /// <summary>Once, <see cref="ReminderBefore"/> the deadline: the delegates of invited organizations that have not answered hear again.</summary>
    public async Task<int> RemindDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var horizon = now + ReminderBefore;
        var due = await db.SignOns.Include(s => s.Statement).Include(s => s.Invitations)
            .Where(s => s.ClosedAt == null && s.RemindedAt == null && s.Deadline > now && s.Deadline <= horizon).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var signOn in due)
        {
            // Claimed like closing, so two instances never remind the same delegates twice.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.SignOns.Where(s => s.Id == signOn.Id && s.RemindedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.RemindedAt, now), cancellationToken) == 0)
            {
                db.Entry(signOn).State = EntityState.Detached;
                continue;
            }

            var answered = await db.SignOnAnswers.Where(a => a.SignOnId == signOn.Id).Select(a => a.OrganizationId).Distinct().ToListAsync(cancellationToken);
            await QueueMailsAsync(signOn.Statement!, signOn, signOn.Invitations.Select(i => i.OrganizationId).Except(answered).ToList(), MailKind.Reminder, cancellationToken);
            signOn.RemindedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            reminded++;
        }

        outbox.Notify();
        return reminded;
    }

    /// <summary>The text changed: organizations that signed an older revision are asked to confirm the new one (they are not listed on it until they do).</summary>
    public async Task QueueReconfirmationsAsync(Statement statement, CancellationToken cancellationToken)
    {
        var signOn = await db.SignOns.FirstOrDefaultAsync(s => s.StatementId == statement.Id, cancellationToken);
        if (signOn is null)
        {
            return;
        }

        var stale = await db.StatementSignatories
            .Where(s => s.StatementId == statement.Id && s.OrganizationId != null && s.WithdrawnAt == null && s.ContentHash != null && s.ContentHash != statement.CurrentContentHash)
            .Select(s => s.OrganizationId!.Value).ToListAsync(cancellationToken);
        if (stale.Count > 0)
        {
            await QueueMailsAsync(statement, signOn, stale, MailKind.Reconfirm, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
        }
    }

    public static string SignerName(Organizations.Organization organization) =>
        organization.Acronym is { Length: > 0 } acronym ? $"{organization.Name} ({acronym})" : organization.Name;

    private enum MailKind
    {
        Invitation,
        Reminder,
        Reconfirm,
    }

    private async Task QueueMailsAsync(Statement statement, SignOn signOn, List<int> organizationIds, MailKind kind, CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new Coalition { Acronym = "Collectif", NameFr = "Collectif", NameEn = "Collectif" };
        var delegates = await db.Delegations.AsNoTracking()
            .Where(d => organizationIds.Contains(d.OrganizationId))
            .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { d.OrganizationId, OrganizationName = d.Organization!.Name, AccountId = a.Id, a.Email, a.EmailConfirmed })
            .Where(d => d.Email != null && d.EmailConfirmed)
            .ToListAsync(cancellationToken);
        var localizer = FixedCultureLocalizer.For(localizers, statement.Language);
        var when = localizer["{0} at {1} ({2})", localizer.With(() => CurrentCoalition.Date(signOn.Deadline, coalition)), CurrentCoalition.Time(signOn.Deadline, coalition), coalition.TimeZone];
        foreach (var person in delegates)
        {
            var link = $"{publicUrl.Base}/sign-on/{statement.Slug}?t={Uri.EscapeDataString(LinkToken(signOn.Id, person.OrganizationId, person.AccountId))}";
            var (subject, lead) = kind switch
            {
                MailKind.Invitation => (localizer["Will {0} sign “{1}”?", person.OrganizationName, statement.Title], localizer["{0} asks {1} to sign “{2}” by {3}.", coalition.Name(statement.Language), person.OrganizationName, statement.Title, when]),
                MailKind.Reminder => (localizer["Reminder: will {0} sign “{1}”?", person.OrganizationName, statement.Title], localizer["{0} has not answered yet. The answers close on {1}.", person.OrganizationName, when]),
                _ => (localizer["The text of “{0}” has changed: please confirm", statement.Title], localizer["The text that {0} signed has changed. Until you confirm the new text, {0} is not listed on it.", person.OrganizationName]),
            };
            var text = string.Join("\n\n",
                localizer["Hello,"], lead,
                localizer["Read the text and answer (sign, decline or abstain) on this page; your answer is only taken when you confirm it there:"] + "\n" + link,
                kind == MailKind.Invitation && signOn.ConsentRule == ConsentRule.Silent && organizationIds.Count > 0
                    ? localizer["Silent consent applies: member organizations that have not objected by the deadline will be counted as signatories."] : "",
                coalition.Name(statement.Language));
            db.OutboxMessages.Add(OutboxMessage.Create(person.Email!, subject, text.Replace("\n\n\n\n", "\n\n", StringComparison.Ordinal), Now, reference: $"sign-on:{signOn.Id}:{kind}:{person.OrganizationId}:{person.AccountId}"));
        }
    }

    private async Task<int> NextPositionAsync(int statementId, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<StatementSignatory>().Where(e => e.State == EntityState.Added && e.Entity.StatementId == statementId).Select(e => e.Entity.Position).DefaultIfEmpty(0).Max();
        var stored = await db.StatementSignatories.Where(s => s.StatementId == statementId).Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? 0;
        return Math.Max(pending, stored) + 1;
    }
}
