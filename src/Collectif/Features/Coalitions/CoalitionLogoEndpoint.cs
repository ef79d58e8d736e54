using Collectif.Data;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Coalitions;

/// <summary>GET /coalition/logo — the uploaded logo; its URL changes with each upload, so it caches for a year.</summary>
public static class CoalitionLogoEndpoint
{
    public const int MaxBytes = 512 * 1024;

    public static void MapCoalitionLogo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/coalition/logo", async (CollectifDb db, HttpContext context, CancellationToken cancellationToken) =>
        {
            var coalition = await db.Coalitions.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            var logo = await db.CoalitionLogos.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (coalition?.LogoContentType is null || logo is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(logo.Content, coalition.LogoContentType);
        }).ExcludeFromDescription();

    public static string Url(Coalition coalition) =>
        $"/coalition/logo?v={coalition.LogoUpdatedAt?.Ticks ?? 0}";
}
