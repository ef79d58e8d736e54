using Collectif.Data;
using Collectif.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

/// <summary>What lists of organizations show.</summary>
public sealed record OrganizationSummary(string Slug, string Name, string? Acronym, OrganizationKind Kind, string? Website, string? Country);

/// <summary>One organization as its public page and the API show it.</summary>
public sealed record OrganizationDetails(
    string Slug, string Name, string? Acronym, OrganizationKind Kind, string? Website, string? Country, string? Description,
    IReadOnlyList<string> Aliases, IReadOnlyList<string> VerifiedDomains, IReadOnlyList<MembershipPeriod> Memberships,
    Verification? Verification);

/// <summary>How the organization proved who it is; <paramref name="Domain"/> for e-mail and DNS proofs (never the justification).</summary>
public sealed record Verification(DateTime VerifiedAt, VerificationMethod Method, string? Domain);

public sealed record MembershipPeriod(DateOnly JoinedOn, DateOnly? LeftOn);

/// <summary>The public registry queries, shared by pages and the JSON API.</summary>
public static class OrganizationQueries
{
    public const int MaxSearchLength = 200;

    /// <summary>
    /// Active organizations sorted by name ignoring leading articles; <paramref name="search"/>
    /// matches name, acronym or alias, ignoring case and accents.
    /// </summary>
    public static IQueryable<Organization> Search(this IQueryable<Organization> organizations, string? search, OrganizationKind? kind)
    {
        var query = organizations.Where(o => o.MergedIntoId == null);
        if (kind is not null)
        {
            query = query.Where(o => o.Kind == kind);
        }

        var key = TextKey.Normalize(search);
        if (key.Length > 0)
        {
            query = query.Where(o => o.SearchKey.Contains(key));
        }

        return query.OrderBy(o => o.SortKey).ThenBy(o => o.Id);
    }

    public static IQueryable<OrganizationSummary> AsSummary(this IQueryable<Organization> organizations) =>
        organizations.Select(o => new OrganizationSummary(o.Slug, o.Name, o.Acronym, o.Kind, o.Website, o.Country));

    public static async Task<OrganizationDetails?> FindDetailsAsync(this CollectifDb db, string slug, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking()
            .Include(o => o.Aliases).Include(o => o.EmailDomains).Include(o => o.Memberships)
            .FirstOrDefaultAsync(o => o.Slug == slug && o.MergedIntoId == null, cancellationToken);
        return organization is null
            ? null
            : new OrganizationDetails(
                organization.Slug, organization.Name, organization.Acronym, organization.Kind, organization.Website, organization.Country, organization.Description,
                organization.Aliases.Select(a => a.Name).Order().ToList(),
                organization.EmailDomains.Where(d => d.VerifiedAt != null).Select(d => d.Domain).Order().ToList(),
                organization.Memberships.OrderBy(m => m.JoinedOn).Select(m => new MembershipPeriod(m.JoinedOn, m.LeftOn)).ToList(),
                organization is { VerifiedAt: { } at, VerificationMethod: { } method }
                    ? new Verification(at, method, method switch
                    {
                        VerificationMethod.EmailDomain => organization.VerificationEvidence?.Split('@').Last(),
                        VerificationMethod.DnsRecord => organization.VerificationEvidence,
                        _ => null,
                    })
                    : null);
    }

    /// <summary>Where a merged organization's old slug now points, if anywhere.</summary>
    public static async Task<string?> FindMergedTargetSlugAsync(this CollectifDb db, string slug, CancellationToken cancellationToken)
    {
        var mergedInto = await db.Organizations.Where(o => o.Slug == slug && o.MergedIntoId != null).Select(o => o.MergedIntoId).FirstOrDefaultAsync(cancellationToken);
        // Follow chains (A merged into B, B later into C) a few steps at most.
        for (var hops = 0; mergedInto is not null && hops < 10; hops++)
        {
            var target = await db.Organizations.Where(o => o.Id == mergedInto).Select(o => new { o.Slug, o.MergedIntoId }).FirstAsync(cancellationToken);
            if (target.MergedIntoId is null)
            {
                return target.Slug;
            }

            mergedInto = target.MergedIntoId;
        }

        return null;
    }
}
