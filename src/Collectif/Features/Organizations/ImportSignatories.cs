using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

public enum ImportTarget
{
    /// <summary>Entries become members of the coalition.</summary>
    Members,

    /// <summary>Entries become signatories of one statement.</summary>
    Statement,
}

public enum ImportOutcome
{
    New,
    Matched,
    Ambiguous,
    Duplicate,
    Skipped,
}

/// <summary>Why an entry got its outcome; pages and the CLI turn it into a sentence.</summary>
public enum ImportReason
{
    NotInRegistry,
    SameName,
    SameAlias,
    SameAcronym,
    SameNameAndAcronym,
    SameAcronymOtherName,
    SeveralOrganizations,
    RepeatedInList,
    AlreadyMember,
    AlreadySignatory,
    PersonNotMember,
    NewPerson,
}

/// <param name="Organizations">The registry organizations involved (the match, or the candidates when ambiguous).</param>
public sealed record ImportRow(int Number, ParsedSignatory Entry, ImportOutcome Outcome, ImportReason Reason, IReadOnlyList<OrganizationRef> Organizations, bool WillWrite);

public sealed record OrganizationRef(int Id, string Slug, string Name, string? Acronym);

public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public int Writes => Rows.Count(r => r.WillWrite);
}

public sealed record ImportResult(int OrganizationsCreated, int MembershipsAdded, int SignatoriesAdded, ImportPreview Preview);

/// <summary>
/// Imports a pasted signatory list: parse, match each entry against the registry (acronym,
/// normalized name, aliases), show what would happen, and write only when asked. Running it
/// twice writes nothing the second time.
/// </summary>
public sealed class ImportSignatories(CollectifDb db, TimeProvider clock, Audit.AuditLog audit, Ledger.SignatureLedger ledger)
{
    public async Task<ImportPreview> PreviewAsync(string text, ImportTarget target, string? statementSlug, CancellationToken cancellationToken = default)
    {
        var statement = await FindStatementAsync(target, statementSlug, cancellationToken);
        return await BuildPreviewAsync(SignatoryListParser.Parse(text), target, statement, cancellationToken);
    }

    public async Task<ImportResult> ApplyAsync(string text, ImportTarget target, string? statementSlug, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statement = await FindStatementAsync(target, statementSlug, cancellationToken);
        var preview = await BuildPreviewAsync(SignatoryListParser.Parse(text), target, statement, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var slugs = new SlugAllocator(await db.Organizations.Select(o => o.Slug).ToListAsync(cancellationToken));
        var created = 0;
        var memberships = 0;
        var signatories = 0;
        var position = statement is null ? 0 : await db.StatementSignatories.Where(s => s.StatementId == statement.Id).Select(s => (int?)s.Position).MaxAsync(cancellationToken) ?? 0;

        foreach (var row in preview.Rows.Where(r => r.WillWrite))
        {
            Organization? organization = null;
            if (row.Entry is ParsedOrganization parsed)
            {
                if (row.Outcome == ImportOutcome.New)
                {
                    organization = new Organization
                    {
                        Name = parsed.Name,
                        Acronym = parsed.Acronym,
                        Slug = slugs.Allocate(parsed.Acronym, parsed.Name),
                        Kind = OrganizationKinds.Guess(parsed.Name),
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    db.Organizations.Add(organization);
                    created++;
                }
                else
                {
                    organization = await db.Organizations.FindAsync([row.Organizations[0].Id], cancellationToken);
                }
            }

            if (target == ImportTarget.Members && organization is not null)
            {
                db.Memberships.Add(new Membership { Organization = organization, JoinedOn = today, Note = "Import" });
                memberships++;
            }
            else if (target == ImportTarget.Statement && statement is not null)
            {
                var signatory = new StatementSignatory { StatementId = statement.Id, Organization = organization, Position = ++position, AddedAt = now };
                if (row.Entry is ParsedPerson person)
                {
                    signatory.PersonName = person.Name;
                    signatory.PersonRole = person.Role;
                    signatory.PersonOrganization = person.Organization;
                }

                // Imported signatories signed elsewhere, on no revision here: the ledger says so.
                var signer = organization is not null ? SignOn.SignOnService.SignerName(organization) : SignatoryFormat.Line(new SignatoryLine(null, signatory.PersonName ?? "", null, signatory.PersonRole, signatory.PersonOrganization));
                signatory.LedgerSequence = (await ledger.AppendAsync(statement.Id, "", signer, Ledger.LedgerActions.Imported, cancellationToken)).Sequence;
                db.StatementSignatories.Add(signatory);
                signatories++;
            }
        }

        if (created + memberships + signatories > 0)
        {
            audit.Record(Audit.AuditActions.SignatoriesImported, target == ImportTarget.Statement ? $"statement:{statement!.Slug}" : "members",
                $"{created} organizations created, {memberships} memberships, {signatories} signatories");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, memberships, signatories, preview);
    }

    private async Task<Statement?> FindStatementAsync(ImportTarget target, string? slug, CancellationToken cancellationToken)
    {
        if (target != ImportTarget.Statement)
        {
            return null;
        }

        return await db.Statements.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken)
            ?? throw new StatementNotFoundException(slug ?? "");
    }

    private async Task<ImportPreview> BuildPreviewAsync(IReadOnlyList<ParsedSignatory> entries, ImportTarget target, Statement? statement, CancellationToken cancellationToken)
    {
        var registry = new RegistryIndex(await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).Include(o => o.Aliases).ToListAsync(cancellationToken));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var currentMembers = target == ImportTarget.Members
            ? (await db.Memberships.Where(m => m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn >= today)).Select(m => m.OrganizationId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var listed = statement is null ? [] : await db.StatementSignatories.Where(s => s.StatementId == statement.Id).ToListAsync(cancellationToken);
        var listedOrganizations = listed.Where(s => s.OrganizationId != null).Select(s => s.OrganizationId!.Value).ToHashSet();
        var listedPersons = listed.Where(s => s.PersonName != null).Select(s => TextKey.Normalize(s.PersonName)).ToHashSet();

        var seenOrganizations = new HashSet<int>();
        var seenNew = new HashSet<string>();
        var rows = new List<ImportRow>();
        var number = 0;
        foreach (var entry in entries)
        {
            number++;
            if (entry is ParsedPerson person)
            {
                rows.Add(PersonRow(number, person, target, listedPersons, seenNew));
                continue;
            }

            var organization = (ParsedOrganization)entry;
            var (outcome, reason, matches) = registry.Match(organization);
            if (outcome == ImportOutcome.Matched)
            {
                var match = matches[0];
                if (!seenOrganizations.Add(match.Id))
                {
                    rows.Add(new ImportRow(number, entry, ImportOutcome.Duplicate, ImportReason.RepeatedInList, matches, false));
                }
                else if (target == ImportTarget.Members && currentMembers.Contains(match.Id))
                {
                    rows.Add(new ImportRow(number, entry, ImportOutcome.Matched, ImportReason.AlreadyMember, matches, false));
                }
                else if (target == ImportTarget.Statement && listedOrganizations.Contains(match.Id))
                {
                    rows.Add(new ImportRow(number, entry, ImportOutcome.Matched, ImportReason.AlreadySignatory, matches, false));
                }
                else
                {
                    rows.Add(new ImportRow(number, entry, ImportOutcome.Matched, reason, matches, true));
                }
            }
            else if (outcome == ImportOutcome.New)
            {
                var repeated = !seenNew.Add(TextKey.Normalize(organization.Name)) || (organization.Acronym is not null && !seenNew.Add("acronym:" + TextKey.Normalize(organization.Acronym)));
                rows.Add(repeated
                    ? new ImportRow(number, entry, ImportOutcome.Duplicate, ImportReason.RepeatedInList, [], false)
                    : new ImportRow(number, entry, ImportOutcome.New, reason, [], true));
            }
            else
            {
                rows.Add(new ImportRow(number, entry, outcome, reason, matches, false));
            }
        }

        return new ImportPreview(rows);
    }

    private static ImportRow PersonRow(int number, ParsedPerson person, ImportTarget target, HashSet<string> listedPersons, HashSet<string> seen)
    {
        if (target == ImportTarget.Members)
        {
            return new ImportRow(number, person, ImportOutcome.Skipped, ImportReason.PersonNotMember, [], false);
        }

        var key = "person:" + TextKey.Normalize(person.Name);
        if (!seen.Add(key))
        {
            return new ImportRow(number, person, ImportOutcome.Duplicate, ImportReason.RepeatedInList, [], false);
        }

        return listedPersons.Contains(TextKey.Normalize(person.Name))
            ? new ImportRow(number, person, ImportOutcome.Matched, ImportReason.AlreadySignatory, [], false)
            : new ImportRow(number, person, ImportOutcome.New, ImportReason.NewPerson, [], true);
    }

    /// <summary>The registry indexed by normalized acronym, name and alias.</summary>
    private sealed class RegistryIndex
    {
        private readonly Dictionary<string, List<Organization>> _byAcronym = [];
        private readonly Dictionary<string, List<Organization>> _byName = [];
        private readonly Dictionary<string, List<Organization>> _byAlias = [];

        public RegistryIndex(IEnumerable<Organization> organizations)
        {
            foreach (var organization in organizations)
            {
                Add(_byName, TextKey.Normalize(organization.Name), organization);
                Add(_byAcronym, TextKey.Normalize(organization.Acronym), organization);
                foreach (var alias in organization.Aliases)
                {
                    Add(_byAlias, TextKey.Normalize(alias.Name), organization);
                }
            }
        }

        public (ImportOutcome Outcome, ImportReason Reason, IReadOnlyList<OrganizationRef> Matches) Match(ParsedOrganization entry)
        {
            var nameKey = TextKey.Normalize(entry.Name);
            var acronymKey = TextKey.Normalize(entry.Acronym);
            var byName = Find(_byName, nameKey);
            var byAlias = Find(_byAlias, nameKey).Concat(Find(_byAlias, acronymKey)).ToList();
            // A bare "CGT" in a list is the acronym of the registry's CGT.
            var byAcronym = Find(_byAcronym, acronymKey.Length > 0 ? acronymKey : SignatoryListParser.LooksLikeAcronym(entry.Name) ? nameKey : "");

            var candidates = byName.Concat(byAlias).Concat(byAcronym).DistinctBy(o => o.Id).ToList();
            if (candidates.Count == 0)
            {
                return (ImportOutcome.New, ImportReason.NotInRegistry, []);
            }

            if (candidates.Count > 1)
            {
                return (ImportOutcome.Ambiguous, ImportReason.SeveralOrganizations, candidates.Select(Ref).ToList());
            }

            var match = candidates[0];
            var nameOrAlias = byName.Count > 0 || byAlias.Count > 0 || nameKey == acronymKey;
            var bareAcronym = acronymKey.Length == 0 && byAcronym.Count > 0;
            if (byAcronym.Count > 0 && !nameOrAlias && !bareAcronym)
            {
                // Same acronym, other name: could be another organization (acronyms collide).
                return (ImportOutcome.Ambiguous, ImportReason.SameAcronymOtherName, [Ref(match)]);
            }

            var reason = (byName.Count > 0, byAcronym.Count > 0) switch
            {
                (true, true) => ImportReason.SameNameAndAcronym,
                (true, false) => ImportReason.SameName,
                (false, true) when byAlias.Count == 0 => ImportReason.SameAcronym,
                _ => ImportReason.SameAlias,
            };
            return (ImportOutcome.Matched, reason, [Ref(match)]);
        }

        private static OrganizationRef Ref(Organization o) => new(o.Id, o.Slug, o.Name, o.Acronym);

        private static List<Organization> Find(Dictionary<string, List<Organization>> index, string key) =>
            key.Length > 0 && index.TryGetValue(key, out var list) ? list : [];

        private static void Add(Dictionary<string, List<Organization>> index, string key, Organization organization)
        {
            if (key.Length == 0)
            {
                return;
            }

            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(organization);
        }
    }
}

public sealed class StatementNotFoundException(string slug) : Exception($"No statement has the slug '{slug}'.")
{
    public string Slug { get; } = slug;
}

/// <summary>Gives each new organization a free slug: its acronym when free ("cgt"), else its name.</summary>
public sealed class SlugAllocator(IEnumerable<string> taken)
{
    private readonly HashSet<string> _taken = taken.ToHashSet(StringComparer.Ordinal);

    public string Allocate(string? acronym, string name)
    {
        foreach (var candidate in new[] { TextKey.Slug(acronym), TextKey.Slug(name) })
        {
            if (candidate.Length > 0 && _taken.Add(candidate))
            {
                return candidate;
            }
        }

        var stem = TextKey.Slug(name) is { Length: > 0 } s ? s : "organization";
        for (var i = 2; ; i++)
        {
            var candidate = $"{stem}-{i}";
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
