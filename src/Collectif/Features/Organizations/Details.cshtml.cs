using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Organizations;

public sealed class DetailsModel(CollectifDb db, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    public sealed record SignedStatement(string Slug, string Title, string Language);

    public OrganizationDetails Organization { get; private set; } = null!;
    public IReadOnlyList<SignedStatement> SignedStatements { get; private set; } = [];

    /// <summary>The reader is a delegate of this organization or an administrator.</summary>
    public bool CanAct { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var organization = await db.FindDetailsAsync(slug, cancellationToken);
        if (organization is null)
        {
            // The slug of a merged duplicate keeps working.
            var target = await db.FindMergedTargetSlugAsync(slug, cancellationToken);
            return target is null ? NotFound() : RedirectPermanent($"/organizations/{target}");
        }

        Organization = organization;
        if (User.Identity?.IsAuthenticated == true)
        {
            var entity = await db.Organizations.AsNoTracking().FirstAsync(o => o.Slug == slug, cancellationToken);
            CanAct = (await authorization.AuthorizeAsync(User, entity, ActForOrganization.Policy)).Succeeded;
        }

        SignedStatements = await db.StatementSignatories.AsNoTracking()
            .Where(s => s.Organization!.Slug == slug)
            .Join(db.Statements.Where(st => st.PublishedAt != null), s => s.StatementId, st => st.Id, (s, st) => st)
            .OrderByDescending(st => st.PublishedAt)
            .Select(st => new SignedStatement(st.Slug, st.Title, st.Language))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
