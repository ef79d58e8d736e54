using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>GET /statements/{slug}/image — the lead image: public once the statement is, to editors and observers before.</summary>
public static class StatementImageEndpoint
{
    public static void MapStatementImage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/statements/{slug}/image", async (string slug, CollectifDb db, HttpContext context, IAuthorizationService authorization, CancellationToken cancellationToken) =>
        {
            var statement = await db.Statements.AsNoTracking().Where(s => s.Slug == slug)
                .Select(s => new { s.Id, s.Status, s.ImageContentType }).FirstOrDefaultAsync(cancellationToken);
            if (statement?.ImageContentType is null)
            {
                return Results.NotFound();
            }

            var isPublic = statement.Status is StatementStatus.Published or StatementStatus.Archived;
            if (!isPublic && !(await authorization.AuthorizeAsync(context.User, AuthorizationPolicies.ReadDrafts)).Succeeded)
            {
                return Results.NotFound();
            }

            var image = await db.StatementImages.AsNoTracking().FirstOrDefaultAsync(i => i.StatementId == statement.Id, cancellationToken);
            if (image is null)
            {
                return Results.NotFound();
            }

            // The URL carries the upload time, so a public image can be cached for good; a draft's must not be.
            context.Response.Headers.CacheControl = isPublic ? "public, max-age=31536000, immutable" : "private, no-store";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(image.Content, statement.ImageContentType);
        }).ExcludeFromDescription();

    public static string Url(Statement statement) => $"/statements/{statement.Slug}/image?v={statement.ImageUpdatedAt?.Ticks ?? 0}";
}
