using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Email;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Statements.Consultation;

/// <summary>
/// Member delegates comment on a draft's paragraphs and propose amendments until the deadline;
/// editors accept them (a new revision, through <see cref="SaveStatement"/>) or reject them with a
/// reason. Everyone concerned hears of it by e-mail, through the outbox, in the text's language.
/// </summary>
public sealed partial class ConsultationService(
    CollectifDb db, SaveStatement save, TimeProvider clock, AuditLog audit, OutboxSignal outbox,
    IOptions<EmailOptions> email, IStringLocalizerFactory localizers)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Paragraphs as numbered on the consultation page: blocks separated by a blank line.</summary>
    public static IReadOnlyList<string> Paragraphs(string body) =>
        BlankLine().Split(body.ReplaceLineEndings("\n")).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>Why nobody can comment or propose now, or null when they can.</summary>
    public string? ClosedReason(Statement statement) => statement switch
    {
        { Status: not StatementStatus.Consultation } => "The consultation is closed.",
        { AmendmentsFrozen: true } => "Amendments are frozen: the ones made stay visible, no new ones are taken.",
        { ConsultationDeadline: { } deadline } when deadline <= Now => "The deadline has passed.",
        _ => null,
    };

    public async Task<Outcome> CommentAsync(Statement statement, int authorId, string authorEmail, int? organizationId, int paragraph, string? text, CancellationToken cancellationToken)
    {
        if (ClosedReason(statement) is { } closed)
        {
            return Outcome.Refused(closed);
        }

        var paragraphs = Paragraphs(statement.Body);
        if (paragraph < 1 || paragraph > paragraphs.Count)
        {
            return Outcome.Refused("Choose a paragraph of the text.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > StatementComment.TextMaxLength)
        {
            return Outcome.Refused("Write your comment (at most {0} characters).", StatementComment.TextMaxLength);
        }

        db.StatementComments.Add(new StatementComment
        {
            StatementId = statement.Id,
            RevisionNumber = statement.CurrentRevision,
            Paragraph = paragraph,
            Text = text.Trim(),
            AuthorId = authorId,
            AuthorEmail = authorEmail,
            OrganizationId = organizationId,
            CreatedAt = Now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    public async Task<Outcome> ProposeAsync(Statement statement, int authorId, string authorEmail, int? organizationId, int paragraph, string? passage, string? replacement, string? reason, CancellationToken cancellationToken)
    {
        if (ClosedReason(statement) is { } closed)
        {
            return Outcome.Refused(closed);
        }

        var paragraphs = Paragraphs(statement.Body);
        if (paragraph < 1 || paragraph > paragraphs.Count)
        {
            return Outcome.Refused("Choose a paragraph of the text.");
        }

        passage = passage?.Trim() ?? "";
        replacement = replacement?.Trim() ?? "";
        reason = reason?.Trim() ?? "";
        if (passage.Length == 0 || !paragraphs[paragraph - 1].Contains(passage, StringComparison.Ordinal))
        {
            return Outcome.Refused("Copy the words to replace exactly as they are in paragraph {0}.", paragraph);
        }

        if (passage.Length > Amendment.PassageMaxLength || replacement.Length > Amendment.PassageMaxLength)
        {
            return Outcome.Refused("The passage and its replacement have at most {0} characters each.", Amendment.PassageMaxLength);
        }

        if (replacement == passage)
        {
            return Outcome.Refused("The replacement is the same as the passage.");
        }

        if (reason.Length == 0 || reason.Length > Amendment.ReasonMaxLength)
        {
            return Outcome.Refused("Give the reason for the amendment (at most {0} characters).", Amendment.ReasonMaxLength);
        }

        db.Amendments.Add(new Amendment
        {
            StatementId = statement.Id,
            RevisionNumber = statement.CurrentRevision,
            Paragraph = paragraph,
            Passage = passage,
            Replacement = replacement,
            Reason = reason,
            AuthorId = authorId,
            AuthorEmail = authorEmail,
            OrganizationId = organizationId,
            CreatedAt = Now,
        });
        audit.Record(AuditActions.AmendmentProposed, $"statement:{statement.Slug}", $"paragraph {paragraph}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Puts the replacement into the current text as a new revision. The passage is looked for in
    /// the current text, which may have moved on since the amendment was made: it must still be
    /// there, once (or once in its paragraph), or the editor is told to settle it by hand.
    /// </summary>
    public async Task<Outcome> AcceptAsync(Statement statement, Amendment amendment, Accounts.Account decider, string baseUrl, CancellationToken cancellationToken)
    {
        if (amendment.Status != AmendmentStatus.Proposed)
        {
            return Outcome.Refused("This amendment has already been decided.");
        }

        var body = statement.Body;
        var at = FindPassage(body, amendment);
        if (at < 0)
        {
            return Outcome.Refused("The passage is no longer in the text, or appears several times: edit the text by hand, then reject the amendment saying so.");
        }

        var text = StatementText.Of(statement) with { Body = body[..at] + amendment.Replacement + body[(at + amendment.Passage.Length)..] };
        var result = await save.SaveAsync(statement, text, statement.CurrentRevision, decider.Id, decider.Email, cancellationToken);
        if (result.Outcome != SaveStatement.Outcome.Saved)
        {
            return Outcome.Refused("Someone saved the text at the same moment; try again.");
        }

        amendment.Status = AmendmentStatus.Accepted;
        amendment.AcceptedInRevision = result.Revision!.Number;
        Decided(amendment, decider);
        audit.Record(AuditActions.AmendmentAccepted, $"statement:{statement.Slug}", $"amendment {amendment.Id} → revision {amendment.AcceptedInRevision}");
        await QueueDecisionMailAsync(statement, amendment, baseUrl, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return Outcome.Ok;
    }

    public async Task<Outcome> RejectAsync(Statement statement, Amendment amendment, Accounts.Account decider, string? reason, string baseUrl, CancellationToken cancellationToken)
    {
        if (amendment.Status != AmendmentStatus.Proposed)
        {
            return Outcome.Refused("This amendment has already been decided.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Amendment.ReasonMaxLength)
        {
            return Outcome.Refused("Give the reason for rejecting it (at most {0} characters); its author will read it.", Amendment.ReasonMaxLength);
        }

        amendment.Status = AmendmentStatus.Rejected;
        amendment.DecisionReason = reason.Trim();
        Decided(amendment, decider);
        audit.Record(AuditActions.AmendmentRejected, $"statement:{statement.Slug}", $"amendment {amendment.Id}: {amendment.DecisionReason}");
        await QueueDecisionMailAsync(statement, amendment, baseUrl, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return Outcome.Ok;
    }

    public async Task FreezeAsync(Statement statement, bool frozen, CancellationToken cancellationToken)
    {
        statement.AmendmentsFrozen = frozen;
        audit.Record(AuditActions.AmendmentsFrozen, $"statement:{statement.Slug}", frozen ? "frozen" : "open again");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Tells every member delegate that the text is open for them, until when, and where. Added to the caller's unit of work.</summary>
    public async Task QueueOpenedMailsAsync(Statement statement, string baseUrl, CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        var recipients = await db.Delegations.AsNoTracking()
            .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => a)
            .Where(a => a.Email != null && a.EmailConfirmed)
            .Select(a => a.Email!).Distinct().ToListAsync(cancellationToken);
        var localizer = FixedCultureLocalizer.For(localizers, statement.Language);
        var deadline = statement.ConsultationDeadline ?? Now;
        var when = localizer["{0} at {1} ({2})", localizer.With(() => CurrentCoalition.Date(deadline, coalition)), CurrentCoalition.Time(deadline, coalition), coalition.TimeZone];
        var link = Link(baseUrl, statement);
        foreach (var recipient in recipients)
        {
            var text = string.Join("\n\n",
                localizer["Hello,"],
                localizer["{0} opens the draft “{1}” to its member organizations until {2}.", coalition.Name(statement.Language), statement.Title, when],
                localizer["Read it, comment on its paragraphs and propose amendments here:"] + "\n" + link);
            db.OutboxMessages.Add(OutboxMessage.Create(recipient, localizer["For your comments: {0}", statement.Title], text, Now, reference: $"consultation:{statement.Id}"));
        }
    }

    private async Task QueueDecisionMailAsync(Statement statement, Amendment amendment, string baseUrl, CancellationToken cancellationToken)
    {
        var coalition = await db.Coalitions.AsNoTracking().FirstAsync(cancellationToken);
        var localizer = FixedCultureLocalizer.For(localizers, statement.Language);
        var decision = amendment.Status == AmendmentStatus.Accepted
            ? localizer["Your amendment to “{0}” was accepted: the text now reads “{1}” instead of “{2}”.", statement.Title, amendment.Replacement, amendment.Passage]
            : localizer["Your amendment to “{0}” was not accepted: {1}", statement.Title, amendment.DecisionReason ?? ""];
        var text = string.Join("\n\n", localizer["Hello,"], decision, localizer["The consultation page:"] + "\n" + Link(baseUrl, statement), coalition.Name(statement.Language));
        db.OutboxMessages.Add(OutboxMessage.Create(amendment.AuthorEmail, localizer["Your amendment to “{0}”", statement.Title], text, Now, reference: $"amendment:{amendment.Id}"));
    }

    private string Link(string baseUrl, Statement statement) => $"{(email.Value.PublicBaseUrl ?? baseUrl).TrimEnd('/')}/consultations/{statement.Slug}";

    private void Decided(Amendment amendment, Accounts.Account decider)
    {
        amendment.DecidedAt = Now;
        amendment.DecidedByEmail = decider.Email;
    }

    private static int FindPassage(string body, Amendment amendment)
    {
        var first = body.IndexOf(amendment.Passage, StringComparison.Ordinal);
        if (first < 0)
        {
            return -1;
        }

        if (body.IndexOf(amendment.Passage, first + 1, StringComparison.Ordinal) < 0)
        {
            return first;
        }

        // Several occurrences: take the one in the amendment's paragraph if it is there once.
        var paragraphs = Paragraphs(body);
        if (amendment.Paragraph > paragraphs.Count)
        {
            return -1;
        }

        var paragraph = paragraphs[amendment.Paragraph - 1];
        var inParagraph = paragraph.IndexOf(amendment.Passage, StringComparison.Ordinal);
        if (inParagraph < 0 || paragraph.IndexOf(amendment.Passage, inParagraph + 1, StringComparison.Ordinal) >= 0)
        {
            return -1;
        }

        var paragraphStart = body.IndexOf(paragraph, StringComparison.Ordinal);
        return paragraphStart < 0 || body.IndexOf(paragraph, paragraphStart + 1, StringComparison.Ordinal) >= 0 ? -1 : paragraphStart + inParagraph;
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();
}
