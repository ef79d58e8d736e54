using Collectif.Data;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

/// <summary>
/// Folds a duplicate into the organization that is kept: memberships, signatures, aliases and
/// domains move over, the duplicate's name and acronym become aliases, and its slug redirects.
/// </summary>
public sealed class MergeOrganizations(CollectifDb db, TimeProvider clock, Audit.AuditLog audit)
{
    public enum Outcome
    {
        Merged,
        NotFound,
        SameOrganization,
    }

    public async Task<Outcome> MergeAsync(string duplicateSlug, string keptSlug, CancellationToken cancellationToken = default)
    {
        if (duplicateSlug == keptSlug)
        {
            return Outcome.SameOrganization;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var duplicate = await Load(duplicateSlug, cancellationToken);
        var kept = await Load(keptSlug, cancellationToken);
        if (duplicate is null || kept is null)
        {
            return Outcome.NotFound;
        }

        foreach (var membership in duplicate.Memberships.ToList())
        {
            membership.OrganizationId = kept.Id;
        }

        // A statement both had signed keeps one signature: the kept organization's.
        var keptStatements = await db.StatementSignatories.Where(s => s.OrganizationId == kept.Id).Select(s => s.StatementId).ToListAsync(cancellationToken);
        foreach (var signatory in await db.StatementSignatories.Where(s => s.OrganizationId == duplicate.Id).ToListAsync(cancellationToken))
        {
            if (keptStatements.Contains(signatory.StatementId))
            {
                db.StatementSignatories.Remove(signatory);
            }
            else
            {
                signatory.OrganizationId = kept.Id;
            }
        }

        var names = duplicate.Aliases.Select(a => a.Name).Append(duplicate.Name);
        if (duplicate.Acronym is { Length: > 0 } acronym && !string.Equals(acronym, kept.Acronym, StringComparison.OrdinalIgnoreCase))
        {
            names = names.Append(acronym);
        }

        foreach (var name in names.Distinct())
        {
            if (name != kept.Name && kept.Aliases.All(a => a.Name != name))
            {
                kept.Aliases.Add(new OrganizationAlias { Name = name });
            }
        }

        db.OrganizationAliases.RemoveRange(duplicate.Aliases);
        foreach (var domain in duplicate.EmailDomains.ToList())
        {
            domain.OrganizationId = kept.Id;
        }

        kept.Acronym ??= duplicate.Acronym;
        kept.Website ??= duplicate.Website;
        kept.Country ??= duplicate.Country;
        kept.Description ??= duplicate.Description;
        kept.UpdatedAt = duplicate.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        duplicate.MergedIntoId = kept.Id;
        audit.Record(Audit.AuditActions.OrganizationsMerged, $"organization:{kept.Slug}", $"merged {duplicate.Slug} ({duplicate.Name}) into {kept.Slug}");
        await db.SaveChangesAsync(cancellationToken);

        // Merged records pointing at the duplicate now point at the kept one.
        await db.Organizations.Where(o => o.MergedIntoId == duplicate.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.MergedIntoId, kept.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Merged;
    }

    private Task<Organization?> Load(string slug, CancellationToken cancellationToken) =>
        db.Organizations.Include(o => o.Aliases).Include(o => o.EmailDomains).Include(o => o.Memberships)
            .FirstOrDefaultAsync(o => o.Slug == slug && o.MergedIntoId == null, cancellationToken);
}
