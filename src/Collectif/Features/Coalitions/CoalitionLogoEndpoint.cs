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

    /// <summary>The image type read from the file's first bytes; null for anything else (SVG included: it can carry script).</summary>
    public static string? DetectImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}
