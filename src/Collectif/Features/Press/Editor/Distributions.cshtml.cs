using Collectif.Data;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press.Editor;

public sealed record ReleaseLine(string Slug, string Title, string Language, StatementStatus Status, DateTime? ScheduledAt, DateTime? PublishedAt);

public sealed record DistributionLine(int Id, string Title, DateTime SendAt, DistributionStatus Status, int Recipients, string ListNames);

/// <summary>/editor/press/distributions: the releases that can be sent, and every sending so far.</summary>
public sealed class DistributionsModel(CollectifDb db) : PageModel
{
    public IReadOnlyList<ReleaseLine> Releases { get; private set; } = [];
    public IReadOnlyList<DistributionLine> Distributions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Releases = await db.Statements.AsNoTracking()
            .Where(s => s.Kind == StatementKind.PressRelease && (s.Status == StatementStatus.Published || s.Status == StatementStatus.Scheduled))
            .OrderByDescending(s => s.ScheduledAt ?? s.PublishedAt)
            .Take(50)
            .Select(s => new ReleaseLine(s.Slug, s.Title, s.Language, s.Status, s.ScheduledAt, s.PublishedAt))
            .ToListAsync(cancellationToken);
        Distributions = await db.Distributions.AsNoTracking().OrderByDescending(d => d.SendAt).Take(100)
            .Select(d => new DistributionLine(d.Id, d.Statement!.Title, d.SendAt, d.Status, d.Recipients.Count, d.ListNames))
            .ToListAsync(cancellationToken);
    }
}
