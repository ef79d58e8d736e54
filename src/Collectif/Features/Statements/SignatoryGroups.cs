using Collectif.Features.Organizations;

namespace Collectif.Features.Statements;

/// <summary>A heading (an English resource key, or none) and the signatories under it.</summary>
public sealed record SignatoryGroup(string? Heading, IReadOnlyList<SignatoryLine> Lines);

/// <summary>
/// How a statement's list is laid out, the same on the page, in the PDF, the feed and the API:
/// the signatories (grouped by kind of organization when the coalition wants it; people last),
/// then those who signed after publication, each with the date.
/// </summary>
public static class SignatoryGroups
{
    public static IReadOnlyList<SignatoryGroup> Initial(IReadOnlyList<SignatoryLine> lines, bool byKind)
    {
        var initial = lines.Where(l => l.Kind != SignatureKind.Late).ToList();
        if (!byKind)
        {
            return initial.Count == 0 ? [] : [new SignatoryGroup(null, initial)];
        }

        return initial
            .GroupBy(l => l.OrganizationSlug is null ? (OrganizationKind?)null : l.OrganizationKind ?? OrganizationKind.Other)
            .OrderBy(g => g.Key is null ? int.MaxValue : g.Key == OrganizationKind.Other ? int.MaxValue - 1 : (int)g.Key)
            .Select(g => new SignatoryGroup(g.Key is { } kind ? OrganizationLabels.KindPlural(kind) : "People", g.ToList()))
            .ToList();
    }

    public static IReadOnlyList<SignatoryLine> Later(IReadOnlyList<SignatoryLine> lines) =>
        lines.Where(l => l.Kind == SignatureKind.Late).OrderBy(l => l.AddedAt).ToList();
}
