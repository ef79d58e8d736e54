using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>What an editor writes; every save of it becomes a <see cref="StatementRevision"/>.</summary>
public sealed record StatementText(
    StatementKind Kind, string Language, string Title, string? Subtitle, string Body,
    string? Addressee = null, string? Place = null, DateOnly? LetterDate = null, string? Subject = null,
    string? Salutation = null, string? DatelineCity = null, string? DatelineCountry = null, string? MediaContacts = null, string? About = null)
{
    public string Canonical => StatementRevision.CanonicalText(this);

    public static StatementText Of(StatementRevision r, Statement s) =>
        new(s.Kind, s.Language, r.Title, r.Subtitle, r.Body, r.Addressee, r.Place, r.LetterDate, r.Subject, r.Salutation, r.DatelineCity, r.DatelineCountry, r.MediaContacts, r.About);

    public static StatementText Of(Statement s) =>
        new(s.Kind, s.Language, s.Title, s.Subtitle, s.Body, s.Addressee, s.Place, s.LetterDate, s.Subject, s.Salutation, s.DatelineCity, s.DatelineCountry, s.MediaContacts, s.About);
}

/// <summary>
/// Creates statements and saves new revisions of them. A save based on an older revision than the
/// current one is refused as a conflict (the caller shows the diff and keeps the text typed), so two
/// editors never silently overwrite each other.
/// </summary>
public sealed class SaveStatement(CollectifDb db, TimeProvider clock, AuditLog audit, SignOn.SignOnService signOns)
{
    public enum Outcome
    {
        Saved,
        Unchanged,
        Conflict,
        SlugTaken,
    }

    public sealed record Result(Outcome Outcome, Statement Statement, StatementRevision? Revision);

    public async Task<Result> CreateAsync(StatementText text, string? slug, int? authorId, string? authorEmail, CancellationToken cancellationToken)
    {
        slug = string.IsNullOrWhiteSpace(slug) ? TextKey.Slug(text.Title, 100) : slug.Trim();
        var taken = await db.Statements.AnyAsync(s => s.Slug == slug, cancellationToken)
            || await db.StatementSlugRedirects.AnyAsync(r => r.Slug == slug, cancellationToken); // old addresses keep redirecting
        var statement = new Statement { Slug = slug, Title = text.Title, Status = StatementStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (taken)
        {
            return new Result(Outcome.SlugTaken, statement, null);
        }

        db.Statements.Add(statement);
        var revision = Apply(statement, text, authorId, authorEmail, restoredFrom: null);
        audit.Record(AuditActions.StatementCreated, $"statement:{slug}", text.Title);
        await db.SaveChangesAsync(cancellationToken);
        return new Result(Outcome.Saved, statement, revision);
    }

    public async Task<Result> SaveAsync(Statement statement, StatementText text, int baseRevision, int? authorId, string? authorEmail, CancellationToken cancellationToken, int? restoredFrom = null)
    {
        if (statement.CurrentRevision != baseRevision)
        {
            return new Result(Outcome.Conflict, statement, null);
        }

        var current = await db.StatementRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.StatementId == statement.Id && r.Number == statement.CurrentRevision, cancellationToken);
        if (current is not null && current.ContentHash == StatementRevision.Hash(text.Canonical) && restoredFrom is null)
        {
            return new Result(Outcome.Unchanged, statement, current);
        }

        var revision = Apply(statement, text, authorId, authorEmail, restoredFrom);
        audit.Record(AuditActions.StatementRevised, $"statement:{statement.Slug}", $"revision {revision.Number} ({revision.ContentHash[..12]})");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write: the concurrency token or the unique
            // (statement, number) index refused this save.
            return new Result(Outcome.Conflict, statement, null);
        }

        // Organizations that signed the previous text must confirm this one to stay listed.
        await signOns.QueueReconfirmationsAsync(statement, cancellationToken);
        return new Result(Outcome.Saved, statement, revision);
    }

    private StatementRevision Apply(Statement statement, StatementText text, int? authorId, string? authorEmail, int? restoredFrom)
    {
        statement.Kind = text.Kind;
        statement.Language = text.Language;
        statement.Title = text.Title;
        statement.Subtitle = text.Subtitle;
        statement.Body = text.Body;
        statement.Addressee = text.Addressee;
        statement.Place = text.Place;
        statement.LetterDate = text.LetterDate;
        statement.Subject = text.Subject;
        statement.Salutation = text.Salutation;
        statement.DatelineCity = text.DatelineCity;
        statement.DatelineCountry = text.DatelineCountry;
        statement.MediaContacts = text.MediaContacts;
        statement.About = text.About;
        statement.Excerpt = null; // the excerpt is cut from the new body
        statement.CurrentRevision++;
        var revision = StatementRevision.Create(text, statement.CurrentRevision, clock.GetUtcNow().UtcDateTime, authorId, authorEmail, restoredFrom);
        statement.Revisions.Add(revision);
        statement.CurrentContentHash = revision.ContentHash;
        return revision;
    }
}
