using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Collectif.Data;
using Collectif.Email;
using Collectif.Features.Audit;
using Collectif.Features.Ledger;
using Collectif.Features.Statements;
using Collectif.Features.Webhooks;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions;

/// <summary>What a member of the public typed in the form.</summary>
public sealed record SignForm(
    string? FirstName, string? LastName, string? Email, string? Postcode, string? Country, string? Comment,
    bool Public, bool CoalitionOptIn, bool OrganizationOptIn, string? Honeypot, string? ProofOfWork = null, bool Trusted = false);

/// <summary>The answer to a signature: mail sent (or silently dropped: the same answer), or refused with a message key per field.</summary>
public sealed record SignResult(bool Accepted, IReadOnlyDictionary<string, string> Errors, bool TooMany = false)
{
    public static readonly SignResult CheckYourMail = new(true, new Dictionary<string, string>());

    public static SignResult Refused(string field, string message) => new(false, new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// Takes, confirms, withdraws, invalidates and erases public signatures on petitions. A signature
/// and its confirmation mail are written in one transaction (the mail jumps ahead of bulk mail in
/// the outbox); a confirmation and its ledger entry too. Personal data is erased rather than kept
/// whenever a signature no longer needs it.
/// </summary>
public sealed class PetitionService(
    CollectifDb db, SignatureLedger ledger, SignerKeys keys, AbuseGuard guard, TimeProvider clock, OutboxSignal outbox,
    PublicUrl publicUrl, IStringLocalizerFactory localizers, AuditLog audit, IOptions<PetitionOptions> options, ProofOfWork proofOfWork, Webhooks.WebhookAnnouncer webhooks, Web.CollectifMetrics metrics, SignatureWriter writer)
{
    public const int NameMaxLength = 100;
    public const int CommentMaxLength = 1000;
    public const string OutboxPrefix = "petition-signature:";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The petition settings of a statement that takes public signatures (the defaults until an editor saves some); null for other kinds.</summary>
    public static async Task<Petition?> SettingsAsync(CollectifDb db, Statement statement, CancellationToken cancellationToken)
    {
        if (statement.Kind is not (StatementKind.Petition or StatementKind.CallToMobilize))
        {
            return null;
        }

        return await db.Petitions.AsNoTracking().Include(p => p.PartnerOrganization).FirstOrDefaultAsync(p => p.StatementId == statement.Id, cancellationToken)
            ?? new Petition { StatementId = statement.Id };
    }

    /// <summary>A public statement that takes signatures (or did: archived and withdrawn ones show as closed), with its settings; null otherwise.</summary>
    public static async Task<(Statement Statement, Petition Petition)?> FindPublicAsync(CollectifDb db, string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Readable.Contains(s.Status), cancellationToken);
        return statement is not null && await SettingsAsync(db, statement, cancellationToken) is { } petition ? (statement, petition) : null;
    }

    public static bool AcceptsSignatures(Statement statement) =>
        statement.Kind is StatementKind.Petition or StatementKind.CallToMobilize && statement.Status == StatementStatus.Published && statement.PublishedAt is not null;

    public async Task<SignResult> SignAsync(Statement statement, Petition petition, SignForm form, IPAddress? address, string language, CancellationToken cancellationToken)
    {
        if (!AcceptsSignatures(statement))
        {
            return SignResult.Refused("", "This text does not take signatures.");
        }

        if (petition.IsClosed(Now))
        {
            return SignResult.Refused("", "This petition is closed: it no longer takes signatures.");
        }

        var errors = Validate(petition, form, out var email);
        if (errors.Count > 0)
        {
            return new SignResult(false, errors);
        }

        if (!string.IsNullOrEmpty(form.Honeypot))
        {
            return SignResult.CheckYourMail; // a robot filled the hidden field: same answer, nothing kept
        }

        // A program with an editor's petitions token is not the robot the puzzle keeps out.
        if (petition.ProofOfWork && !form.Trusted && !proofOfWork.Check(form.ProofOfWork))
        {
            return SignResult.Refused("", "Your browser must solve a short puzzle before signing, to keep robots out. Allow JavaScript on this page, or try again in a few minutes.");
        }

        var domain = EmailAddress.Domain(email!);
        var verdict = await guard.CheckAsync(address, domain, cancellationToken);
        if (verdict == Verdict.TooMany)
        {
            return new SignResult(false, new Dictionary<string, string> { [""] = "Too many signatures came from your network or your e-mail provider in the last minutes. Please try again later." }, TooMany: true);
        }

        var canonical = EmailAddress.Canonical(email!);
        var emailKey = await keys.EmailKeyAsync(canonical, cancellationToken);
        var network = Audit.AuditEntry.Truncate(address, 64);
        await RaiseTrendsAsync(statement, network, domain, cancellationToken);

        var existing = await db.PetitionSignatures.FirstOrDefaultAsync(s => s.StatementId == statement.Id && s.EmailKey == emailKey, cancellationToken);
        if (existing is not null)
        {
            if (verdict == Verdict.Silent)
            {
                return SignResult.CheckYourMail; // now blocked: no mail, no revival of a withdrawn signature
            }

            await AgainAsync(statement, petition, existing, form, email!, language, cancellationToken);
            return SignResult.CheckYourMail; // the same answer whether or not they had signed: no one learns who signed
        }

        var token = NewToken();
        var signature = new PetitionSignature
        {
            StatementId = statement.Id,
            Status = verdict == Verdict.Silent ? SignatureStatus.Blocked : SignatureStatus.Pending,
            EmailKey = emailKey,
            RevisionHash = statement.CurrentContentHash ?? "",
            TokenHash = StatementRevision.Hash(token),
            CreatedAt = Now,
            ConfirmationSentAt = Now,
            NetworkPrefix = network,
            Language = language,
        };
        Fill(signature, petition, form, email!, language);
        // The row and its confirmation mail commit together, with whatever other signatures arrived
        // meanwhile: an acknowledged signature always has its mail. A double submit that raced this
        // one to the unique (petition, e-mail) index was recorded by it: the same answer.
        await writer.WriteAsync(signature, signature.Status == SignatureStatus.Pending ? ConfirmationMail(statement, signature, email!, token) : null);
        return SignResult.CheckYourMail;
    }

    private static Dictionary<string, string> Validate(Petition petition, SignForm form, out string? email)
    {
        var errors = new Dictionary<string, string>();
        void Name(string field, string? value, string missing)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = missing;
            }
            else if (value.Trim().Length > NameMaxLength)
            {
                errors[field] = "Names are limited to 100 characters.";
            }
            else if (value.Any(EmailAddress.IsInvisible))
            {
                errors[field] = "Remove the invisible or control characters from this field.";
            }
        }

        Name("FirstName", form.FirstName, "Enter your first name.");
        Name("LastName", form.LastName, "Enter your last name.");
        email = EmailAddress.Normalize(form.Email);
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            errors["Email"] = "Enter your e-mail address: the confirmation link is sent there.";
        }
        else if (email is null)
        {
            errors["Email"] = "Enter a valid e-mail address, such as name@example.org.";
        }

        var postcode = form.Postcode?.Trim();
        if (petition.Postcode == FieldRule.Required && string.IsNullOrEmpty(postcode))
        {
            errors["Postcode"] = "Enter your postcode.";
        }
        else if (!string.IsNullOrEmpty(postcode) && (postcode.Length > 12 || !postcode.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-')))
        {
            errors["Postcode"] = "A postcode has at most 12 letters, digits, spaces or hyphens.";
        }

        var country = form.Country?.Trim();
        if (petition.Country == FieldRule.Required && string.IsNullOrEmpty(country))
        {
            errors["Country"] = "Choose your country.";
        }
        else if (!string.IsNullOrEmpty(country) && Geography.Find(country) is null)
        {
            errors["Country"] = "Choose a country from the list.";
        }

        if (form.Comment is { } comment && petition.AllowComment)
        {
            if (comment.Trim().Length > CommentMaxLength)
            {
                errors["Comment"] = "The comment is limited to 1,000 characters.";
            }
            else if (comment.Any(c => EmailAddress.IsInvisible(c) && c is not '\n' and not '\r' and not '\t'))
            {
                errors["Comment"] = "Remove the invisible or control characters from this field.";
            }
        }

        return errors;
    }

    private void Fill(PetitionSignature signature, Petition petition, SignForm form, string email, string language)
    {
        var localizer = FixedCultureLocalizer.For(localizers, language);
        signature.FirstName = form.FirstName!.Trim();
        signature.LastName = form.LastName!.Trim();
        signature.ProtectedEmail = keys.Protect(email);
        signature.EmailDomain = EmailAddress.Domain(email);
        signature.Postcode = petition.Postcode == FieldRule.Hidden ? null : NullIfEmpty(form.Postcode?.Trim().ToUpperInvariant());
        signature.Country = petition.Country == FieldRule.Hidden ? null : Geography.Find(form.Country)?.Code;
        signature.Departement = signature.Country is "FR" or null && signature.Postcode is { } postcode ? Geography.Departement(postcode) : null;
        signature.Comment = petition.AllowComment ? NullIfEmpty(form.Comment?.Trim()) : null;
        signature.Public = form.Public;
        signature.Language = language;
        signature.CoalitionOptInAt = form.CoalitionOptIn ? Now : null;
        signature.CoalitionOptInWording = form.CoalitionOptIn ? localizer[CoalitionOptInWording].Value : null;
        var organizationOptIn = form.OrganizationOptIn && petition.PartnerOrganizationId is not null;
        signature.OrganizationOptInId = organizationOptIn ? petition.PartnerOrganizationId : null;
        signature.OrganizationOptInAt = organizationOptIn ? Now : null;
        signature.OrganizationOptInWording = organizationOptIn ? localizer[OrganizationOptInWording, petition.PartnerOrganization?.Name ?? ""].Value : null;
    }

    /// <summary>The words shown next to the opt-in boxes; stored with each consent, in the signer's language.</summary>
    public const string CoalitionOptInWording = "I want to hear from the coalition about this campaign and its next steps.";

    public const string OrganizationOptInWording = "I agree that {0} may contact me.";

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>The same address signs again: resend the link if still pending, say "already signed" by mail if confirmed, take it anew if withdrawn.</summary>
    private async Task AgainAsync(Statement statement, Petition petition, PetitionSignature existing, SignForm form, string email, string language, CancellationToken cancellationToken)
    {
        if (Now - existing.ConfirmationSentAt < options.Value.ResendAfter)
        {
            return; // a mail went out minutes ago: do not let a form be used to flood a mailbox
        }

        switch (existing.Status)
        {
            case SignatureStatus.Pending:
            case SignatureStatus.Withdrawn:
            case SignatureStatus.Erased:
                var token = NewToken();
                existing.Status = SignatureStatus.Pending;
                existing.TokenHash = StatementRevision.Hash(token);
                existing.RevisionHash = statement.CurrentContentHash ?? "";
                existing.CreatedAt = Now;
                existing.EndedAt = null;
                existing.EndReason = null;
                existing.ConfirmationSentAt = Now;
                Fill(existing, petition, form, email, language);
                QueueConfirmation(statement, existing, email, token);
                break;
            case SignatureStatus.Confirmed:
                existing.ConfirmationSentAt = Now;
                var localizer = FixedCultureLocalizer.For(localizers, existing.Language);
                var text = string.Join("\n\n", localizer["Hello,"], localizer["Someone (probably you) tried to sign “{0}” again with this address. Your signature was already confirmed and counts once.", statement.Title],
                    $"{publicUrl.Base}/statements/{statement.Slug}");
                db.OutboxMessages.Add(OutboxMessage.Create(email, localizer["You have already signed “{0}”", statement.Title], text, Now, reference: OutboxPrefix + existing.Id, priority: OutboxMessage.Urgent));
                break;
            default:
                return; // blocked or invalidated: stays so, silently
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
    }

    /// <summary>"I did not get the mail": a new link for a pending signature of this address, spaced like re-signing; the same answer whatever the address.</summary>
    public async Task ResendAsync(Statement statement, string? typedEmail, CancellationToken cancellationToken)
    {
        if (EmailAddress.Normalize(typedEmail) is not { } email)
        {
            return;
        }

        var key = await keys.EmailKeyAsync(EmailAddress.Canonical(email), cancellationToken);
        var signature = await db.PetitionSignatures.FirstOrDefaultAsync(s => s.StatementId == statement.Id && s.EmailKey == key && s.Status == SignatureStatus.Pending, cancellationToken);
        if (signature is null || Now - signature.ConfirmationSentAt < options.Value.ResendAfter || keys.Unprotect(signature.ProtectedEmail) is not { } stored)
        {
            return;
        }

        var token = NewToken();
        signature.TokenHash = StatementRevision.Hash(token);
        signature.ConfirmationSentAt = Now;
        QueueConfirmation(statement, signature, stored, token);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
    }

    private void QueueConfirmation(Statement statement, PetitionSignature signature, string email, string token) =>
        db.OutboxMessages.Add(ConfirmationMail(statement, signature, email, token));

    /// <summary>The mail with the confirmation link; its reference names the signature, so a new one gets it from <see cref="SignatureWriter"/> once numbered.</summary>
    private OutboxMessage ConfirmationMail(Statement statement, PetitionSignature signature, string email, string token)
    {
        var localizer = FixedCultureLocalizer.For(localizers, signature.Language);
        var link = $"{publicUrl.Base}/petitions/confirm/{token}";
        var text = string.Join("\n\n",
            localizer["Hello {0},", signature.FirstName ?? ""],
            localizer["To confirm your signature of “{0}”, open this link and press the button:", statement.Title],
            link,
            localizer["Your signature is counted only once confirmed. The link works for {0} days; after that, an unconfirmed signature is deleted.", (int)options.Value.ConfirmationWindow.TotalDays],
            localizer["Keep this message: the same link later shows your receipt and lets you withdraw your signature."],
            localizer["If you did not sign, ignore this message: nothing will be counted, and your address will be deleted."]);
        return OutboxMessage.Create(email, localizer["Confirm your signature: {0}", statement.Title], text, Now,
            toName: $"{signature.FirstName} {signature.LastName}", reference: OutboxPrefix + signature.Id, priority: OutboxMessage.Urgent);
    }

    private async Task RaiseTrendsAsync(Statement statement, string? network, string domain, CancellationToken cancellationToken)
    {
        var raised = new List<PetitionAlert>();
        if (network is not null && guard.Trends(statement.Id, "network", network))
        {
            raised.Add(new PetitionAlert { StatementId = statement.Id, Kind = "network", Value = network, Count = options.Value.TrendThreshold, RaisedAt = Now });
        }

        if (!AbuseGuard.IsPublicProvider(domain) && guard.Trends(statement.Id, "domain", domain))
        {
            raised.Add(new PetitionAlert { StatementId = statement.Id, Kind = "domain", Value = domain, Count = options.Value.TrendThreshold, RaisedAt = Now });
        }

        if (raised.Count == 0)
        {
            return;
        }

        db.PetitionAlerts.AddRange(raised);
        var administrators = await db.Accounts.AsNoTracking()
            .Where(a => db.UserRoles.Any(r => r.UserId == a.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Accounts.Roles.Administrator)) && a.Email != null)
            .Select(a => a.Email!).ToListAsync(cancellationToken);
        var localizer = FixedCultureLocalizer.For(localizers, "fr");
        foreach (var alert in raised)
        {
            var text = string.Join("\n\n", localizer["{0} signatures on “{1}” came from {2} in less than ten minutes.", alert.Count, statement.Title, alert.Value],
                localizer["Review them and, if needed, block the network or domain:"], $"{publicUrl.Base}/admin/petitions/abuse");
            foreach (var administrator in administrators)
            {
                db.OutboxMessages.Add(OutboxMessage.Create(administrator, localizer["Unusual signatures on “{0}”", statement.Title], text, Now, reference: $"petition-alert:{statement.Id}"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<PetitionSignature?> FindAsync(string? token, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(token) || token.Length > 100
            ? Task.FromResult<PetitionSignature?>(null)
            : db.PetitionSignatures.FirstOrDefaultAsync(s => s.TokenHash == StatementRevision.Hash(token), cancellationToken);

    /// <summary>Counts the signature and records it in the statement's ledger, in one transaction; a second click changes nothing.</summary>
    public async Task<Outcome> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await ConfirmInTurnAsync(token, cancellationToken);
        webhooks.Notify(); // after the ledger's transaction committed: the worker must see the delivery
        return outcome;
    }

    private async Task<Outcome> ConfirmInTurnAsync(string token, CancellationToken cancellationToken)
    {
        return await RetryingAsync(async () =>
        {
            var signature = await FindAsync(token, cancellationToken);
            return signature is null
                ? Outcome.Refused("This link is not valid: it may have been mistyped, or the signature was deleted because it was not confirmed in time.")
                : await ledger.InTurnAsync(signature.StatementId, () =>
                {
                    db.ChangeTracker.Clear(); // read it again under the lock
                    return ConfirmOnceAsync(token, cancellationToken);
                }, cancellationToken);
        });
    }

    private async Task<Outcome> ConfirmOnceAsync(string token, CancellationToken cancellationToken)
    {
        var signature = await FindAsync(token, cancellationToken);
        if (signature is null)
        {
            return Outcome.Refused("This link is not valid: it may have been mistyped, or the signature was deleted because it was not confirmed in time.");
        }

        if (signature.Status == SignatureStatus.Confirmed)
        {
            return Outcome.Ok;
        }

        if (signature.Status != SignatureStatus.Pending)
        {
            return Outcome.Refused("This signature was withdrawn or removed; it cannot be confirmed.");
        }

        var statement = await db.Statements.AsNoTracking().FirstAsync(s => s.Id == signature.StatementId, cancellationToken);
        var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.StatementId == statement.Id, cancellationToken);
        if (petition?.IsClosed(Now) == true && signature.CreatedAt >= petition.ClosesAt)
        {
            return Outcome.Refused("This petition is closed: it no longer takes signatures.");
        }

        var email = keys.Unprotect(signature.ProtectedEmail);
        if (email is null)
        {
            return Outcome.Refused("This signature was withdrawn or removed; it cannot be confirmed.");
        }

        var commitment = await keys.CommitmentAsync(statement.Id, EmailAddress.Canonical(email), cancellationToken);
        var entry = await ledger.AppendAsync(statement.Id, signature.RevisionHash, commitment, LedgerActions.Signature, cancellationToken);
        signature.Status = SignatureStatus.Confirmed;
        signature.ConfirmedAt = Now;
        signature.LedgerSequence = entry.Sequence;
        signature.Commitment = commitment;
        await webhooks.SignatureConfirmedAsync(statement, signature, email, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        metrics.SignatureConfirmed();
        return Outcome.Ok;
    }

    /// <summary>The signer takes their signature back: a tombstone in the ledger, and their personal data erased at once.</summary>
    public async Task<Outcome> WithdrawAsync(string token, CancellationToken cancellationToken)
    {
        return await RetryingAsync(async () =>
        {
            var found = await FindAsync(token, cancellationToken);
            if (found is null)
            {
                return Outcome.Refused("This signature was withdrawn or removed; it cannot be confirmed.");
            }

            return await ledger.InTurnAsync(found.StatementId, async () =>
            {
                db.ChangeTracker.Clear();
                var signature = await FindAsync(token, cancellationToken);
                if (signature is null || signature.Status is not (SignatureStatus.Confirmed or SignatureStatus.Pending))
                {
                    return Outcome.Refused("This signature was withdrawn or removed; it cannot be confirmed.");
                }

                await EndAsync(signature, SignatureStatus.Withdrawn, LedgerActions.Withdrawn, null, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Ok;
            }, cancellationToken);
        });
    }

    /// <summary>Takes signatures out of the count with a reason, logged; confirmed ones get a tombstone in the ledger.</summary>
    public async Task<int> InvalidateAsync(Statement statement, IReadOnlyCollection<long> ids, string reason, CancellationToken cancellationToken)
    {
        return await RetryingAsync(async () =>
        {
            var signatures = await db.PetitionSignatures
                .Where(s => s.StatementId == statement.Id && ids.Contains(s.Id) && (s.Status == SignatureStatus.Confirmed || s.Status == SignatureStatus.Pending || s.Status == SignatureStatus.Blocked))
                .OrderBy(s => s.Id).ToListAsync(cancellationToken);
            foreach (var signature in signatures)
            {
                await EndAsync(signature, SignatureStatus.Invalidated, LedgerActions.Invalidated, reason, cancellationToken);
            }

            audit.Record(AuditActions.SignaturesInvalidated, $"statement:{statement.Slug}", $"{signatures.Count} signature(s): {reason}");
            await db.SaveChangesAsync(cancellationToken);
            return signatures.Count;
        });
    }

    private async Task EndAsync(PetitionSignature signature, SignatureStatus status, string ledgerAction, string? reason, CancellationToken cancellationToken)
    {
        if (signature.Status == SignatureStatus.Confirmed && signature.Commitment is { } commitment)
        {
            await ledger.AppendAsync(signature.StatementId, signature.RevisionHash, commitment, ledgerAction, cancellationToken);
        }

        signature.Status = status;
        signature.EndedAt = Now;
        signature.EndReason = reason;
        if (status is SignatureStatus.Withdrawn or SignatureStatus.Erased)
        {
            ErasePersonalData(signature);
            await RedactOutboxAsync([signature.Id], cancellationToken);
            await WebhookAnnouncer.ForgetSignersAsync(db, [signature.Id], cancellationToken);
        }
    }

    // The same fields as the bulk erasure of ApplyRetentionAsync (one row here, a whole petition there).
    private static void ErasePersonalData(PetitionSignature signature)
    {
        signature.FirstName = null;
        signature.LastName = null;
        signature.ProtectedEmail = null;
        signature.Postcode = null;
        signature.Comment = null;
        signature.NetworkPrefix = null;
        signature.Public = false;
    }

    /// <summary>Mail about erased signatures keeps no address or text: pending ones are never sent, sent ones keep only their status.</summary>
    private Task<int> RedactOutboxAsync(IReadOnlyCollection<long> signatureIds, CancellationToken cancellationToken)
    {
        var references = signatureIds.Select(id => OutboxPrefix + id).ToList();
        return db.OutboxMessages.Where(m => m.Reference != null && references.Contains(m.Reference))
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.ToAddress, "erased@invalid")
                .SetProperty(m => m.ToName, (string?)null)
                .SetProperty(m => m.Subject, "[erased]")
                .SetProperty(m => m.TextBody, "[erased]")
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.Status, m => m.Status == OutboxStatus.Pending ? OutboxStatus.Failed : m.Status)
                .SetProperty(m => m.LastError, m => m.Status == OutboxStatus.Pending ? "erased before sending" : m.LastError), cancellationToken);
    }

    /// <summary>Everything kept about one address, for a data-access request.</summary>
    public async Task<IReadOnlyList<PetitionSignature>> FindByEmailAsync(string typedEmail, CancellationToken cancellationToken)
    {
        if (EmailAddress.Normalize(typedEmail) is not { } email)
        {
            return [];
        }

        var key = await keys.EmailKeyAsync(EmailAddress.Canonical(email), cancellationToken);
        return await db.PetitionSignatures.AsNoTracking().Where(s => s.EmailKey == key).OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Erasure on request: every signature of the address leaves the count with a ledger tombstone, and its personal data and mail are erased.</summary>
    public async Task<int> EraseAsync(string typedEmail, CancellationToken cancellationToken)
    {
        return await RetryingAsync(async () =>
        {
            var ids = (await FindByEmailAsync(typedEmail, cancellationToken)).Where(s => s.Status != SignatureStatus.Erased).Select(s => s.Id).ToList();
            var signatures = await db.PetitionSignatures.Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
            foreach (var signature in signatures)
            {
                await EndAsync(signature, SignatureStatus.Erased, LedgerActions.Erased, "erasure request", cancellationToken);
            }

            audit.Record(AuditActions.SignerErased, null, $"{signatures.Count} signature(s) erased on request");
            await db.SaveChangesAsync(cancellationToken);
            return signatures.Count;
        });
    }

    public string? EmailOf(PetitionSignature signature) => keys.Unprotect(signature.ProtectedEmail);

    /// <summary>Deletes unconfirmed signatures past the confirmation window, with their mail.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var before = Now - options.Value.ConfirmationWindow;
        var expired = await db.PetitionSignatures.Where(s => s.Status == SignatureStatus.Pending && s.CreatedAt < before).Select(s => s.Id).Take(5000).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        await RedactOutboxAsync(expired, cancellationToken);
        return await db.PetitionSignatures.Where(s => expired.Contains(s.Id) && s.Status == SignatureStatus.Pending).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Erases the personal data of petitions closed longer ago than their retention, keeping counts, breakdowns and the ledger.</summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var petitions = await db.Petitions.Where(p => p.ClosesAt != null && p.ClosesAt < Now && p.PersonalDataErasedAt == null).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var petition in petitions.Where(p => p.ClosesAt!.Value.AddMonths(p.RetentionMonths) <= Now))
        {
            var ids = await db.PetitionSignatures.Where(s => s.StatementId == petition.StatementId).Select(s => s.Id).ToListAsync(cancellationToken);
            foreach (var chunk in ids.Chunk(1000))
            {
                await RedactOutboxAsync(chunk, cancellationToken);
                await WebhookAnnouncer.ForgetSignersAsync(db, chunk, cancellationToken);
            }

            erased += await db.PetitionSignatures.Where(s => s.StatementId == petition.StatementId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.FirstName, (string?)null)
                .SetProperty(s => s.LastName, (string?)null)
                .SetProperty(s => s.ProtectedEmail, (string?)null)
                .SetProperty(s => s.Postcode, (string?)null)
                .SetProperty(s => s.Comment, (string?)null)
                .SetProperty(s => s.NetworkPrefix, (string?)null)
                .SetProperty(s => s.Public, false), cancellationToken);
            petition.PersonalDataErasedAt = Now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return erased;
    }

    /// <summary>
    /// Runs work that appends to a ledger again when another writer took the same entry number
    /// first (the unique index refuses the second): read the chain again and retry.
    /// </summary>
    private async Task<T> RetryingAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
