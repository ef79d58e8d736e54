using Collectif.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements.Editor;

public sealed class IndexModel(CollectifDb db) : PageModel
{
    public sealed record Line(string Slug, string Title, string Language, StatementKind Kind, StatementStatus Status, int CurrentRevision);

    public IReadOnlyList<Line> Statements { get; private set; } = [];

    /// <summary>Observers read; editors and administrators also write.</summary>
    public bool CanEdit => User.IsInRole(Accounts.Roles.Editor) || Web.AuthorizationPolicies.IsAdministrator(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Statements = await db.Statements.AsNoTracking()
            .OrderBy(s => s.Status).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new Line(s.Slug, s.Title, s.Language, s.Kind, s.Status, s.CurrentRevision))
            .ToListAsync(cancellationToken);
}
