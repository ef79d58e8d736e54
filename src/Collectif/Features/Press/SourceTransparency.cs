using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>An organization named as issuer of a release, with what proves it is who it says.</summary>
public sealed record VerifiedIssuer(string Name, string Slug, DateTime? VerifiedAt, IReadOnlyList<string> Domains)
{
    public bool IsVerified => VerifiedAt is not null;
}

/// <summary>
/// Who stands behind a press release, as a serious wire shows it: the coalition, the issuing
/// organization and its verification, and the editorial policy. Only verified organizations may
/// issue a release or be named in its contact block.
/// </summary>
public sealed partial record SourceTransparency(string Coalition, VerifiedIssuer? Issuer)
{
    public string Describe(FixedCultureLocalizer l) => Issuer is null
        ? Coalition
        : Issuer.IsVerified
            ? l["{0}, for {1} (verified organization)", Coalition, Issuer.Name].Value
            : l["{0}, for {1} (not verified)", Coalition, Issuer.Name].Value;

    public static async Task<SourceTransparency> ForAsync(CollectifDb db, Statement statement, Coalition coalition, CancellationToken cancellationToken)
    {
        VerifiedIssuer? issuer = null;
        if (statement.BylineOrganizationId is { } id)
        {
            issuer = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new VerifiedIssuer(o.Name, o.Slug, o.VerifiedAt, o.EmailDomains.Where(d => d.VerifiedAt != null).Select(d => d.Domain).ToList()))
                .SingleOrDefaultAsync(cancellationToken);
        }

        return new SourceTransparency(coalition.Name(statement.Language), issuer);
    }

    /// <summary>
    /// Why the release may not be sent under the coalition's name, or null: its issuer must be a
    /// verified organization, and every address in its contact block must be the coalition's own
    /// or on a verified domain of a verified organization.
    /// </summary>
    public static async Task<RowProblem?> ProblemAsync(CollectifDb db, Statement release, IEnumerable<string> coalitionDomains, CancellationToken cancellationToken)
    {
        if (release.BylineOrganizationId is { } id && !await db.Organizations.AnyAsync(o => o.Id == id && o.VerifiedAt != null, cancellationToken))
        {
            return new RowProblem("Only a verified organization can issue a press release: verify the organization first, or issue it in the coalition's name.");
        }

        var domains = ContactDomains(release.MediaContacts);
        if (domains.Count == 0)
        {
            return null;
        }

        var allowed = new HashSet<string>(coalitionDomains, StringComparer.OrdinalIgnoreCase);
        var verified = await db.OrganizationDomains.AsNoTracking()
            .Where(d => d.VerifiedAt != null && domains.Contains(d.Domain))
            .Join(db.Organizations.Where(o => o.VerifiedAt != null), d => d.OrganizationId, o => o.Id, (d, _) => d.Domain)
            .ToListAsync(cancellationToken);
        allowed.UnionWith(verified);
        var unknown = domains.Where(d => !allowed.Contains(d)).ToList();
        return unknown.Count == 0 ? null : new RowProblem("The media contacts give an address whose domain belongs to no verified organization: {0}", string.Join(", ", unknown));
    }

    public static IReadOnlyList<string> ContactDomains(string? contacts) =>
        contacts is null ? [] : EmailPattern().Matches(contacts).Select(m => m.Groups["domain"].Value.ToLowerInvariant().TrimEnd('.')).Distinct().ToList();

    [GeneratedRegex(@"[\w.+-]+@(?<domain>[\w-]+(\.[\w-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
