using Collectif.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>GET /api/statements/{slug}/signatories — the list as the page shows it, generated from the signatures.</summary>
public static class StatementsApi
{
    public sealed record Signatory(string Name, string? Acronym, string? Organization, string? Role, string Kind, string? OrganizationKind, DateTime? SignedAt, string Line);

    public sealed record Withdrawal(string Name, DateTime WithdrawnAt, string? Reason);

    public sealed record SignatoryList(string Statement, int Count, IReadOnlyList<Signatory> Signatories, IReadOnlyList<Withdrawal> Withdrawals, string Ledger);

    public static void MapStatementsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/statements/{slug}/signatories", async Task<Results<Ok<SignatoryList>, ProblemHttpResult>> (string slug, CollectifDb db, CancellationToken cancellationToken) =>
        {
            var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status), cancellationToken);
            if (statement is null)
            {
                return TypedResults.Problem(statusCode: 404, title: "Statement not found", detail: $"No public statement has the slug '{slug}'.");
            }

            var lines = await db.SignatoriesAsync(statement.Id, cancellationToken);
            var withdrawals = await db.WithdrawalsAsync(statement.Id, cancellationToken);
            return TypedResults.Ok(new SignatoryList(
                statement.Slug,
                lines.Count,
                lines.Select(l => new Signatory(
                    l.Name, l.Acronym, l.OrganizationSlug, l.Role, l.Kind.ToString(), l.OrganizationKind?.ToString(),
                    l.Kind == SignatureKind.Imported ? null : l.AddedAt, SignatoryFormat.Line(l))).ToList(),
                withdrawals.Select(w => new Withdrawal(w.Name, w.WithdrawnAt, w.Reason)).ToList(),
                $"/statements/{statement.Slug}/ledger"));
        }).WithTags("Statements");
}
