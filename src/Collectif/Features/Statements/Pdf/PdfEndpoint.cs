using Collectif.Data;
using Collectif.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Statements.Pdf;

/// <summary>GET /statements/{slug}.pdf — the printable version of a public statement.</summary>
public static class PdfEndpoint
{
    public static void MapStatementPdf(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/statements/{slug}.pdf", async (string slug, CollectifDb db, StatementPdfs pdfs, PdfRenderer renderer, HttpContext context, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var statement = await db.Statements.AsNoTracking()
                .Where(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status) && (s.Excerpt == null || s.Excerpt == ""))
                .Select(s => new { s.Id, s.Slug }).FirstOrDefaultAsync(cancellationToken);
            if (statement is null)
            {
                var moved = await db.StatementSlugRedirects.AsNoTracking().Where(r => r.Slug == slug)
                    .Join(db.Statements, r => r.StatementId, s => s.Id, (r, s) => s.Slug).FirstOrDefaultAsync(cancellationToken);
                return moved is null ? Results.NotFound() : Results.Redirect($"/statements/{moved}.pdf", permanent: true);
            }

            if (!renderer.IsAvailable)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: localizer["PDF printing is not available on this server."]);
            }

            var pdf = await pdfs.GetAsync(statement.Id, cancellationToken);
            if (pdf is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(pdf, "application/pdf", $"{statement.Slug}.pdf");
        }).ExcludeFromDescription().CachedForThePublic();
}
