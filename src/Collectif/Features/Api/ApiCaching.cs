using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Collectif.Features.Api;

/// <summary>
/// ETags and Cache-Control for every successful GET of the API and the OpenAPI document: the
/// answer is hashed, a client that sends the same tag back in <c>If-None-Match</c> gets
/// <c>304 Not Modified</c> without a body. API answers are bounded by paging, so holding one in
/// memory to hash it is cheap; the hash follows the data without any per-table version column.
/// </summary>
public static class ApiCaching
{
    /// <summary>Public data may be reused for this long before asking again (with the ETag).</summary>
    public const string PublicCacheControl = "public, max-age=30";

    /// <summary>What a token sees is its owner's: never stored by shared caches.</summary>
    public const string PrivateCacheControl = "private, no-cache";

    public static IApplicationBuilder UseApiCaching(this IApplicationBuilder app) =>
        app.UseWhen(
            context => (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")),
            branch => branch.Use(HandleAsync));

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            var hash = await SHA256.HashDataAsync(buffer, context.RequestAborted);
            var tag = new EntityTagHeaderValue($"\"{System.Buffers.Text.Base64Url.EncodeToString(hash.AsSpan(0, 16))}\"");
            response.Headers.ETag = tag.ToString();
            if (string.IsNullOrEmpty(response.Headers.CacheControl))
            {
                // Either token header makes the answer someone's: no shared cache may keep it.
                response.Headers.CacheControl = ApiTokenAuthentication.BearerToken(context.Request) is not null || context.Request.Headers.Authorization.Count > 0
                    ? PrivateCacheControl : PublicCacheControl;
            }

            response.Headers.Vary = $"{HeaderNames.Authorization}, {ApiTokenAuthentication.OsdiHeader}";
            if (EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var sent)
                && sent.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        if (buffer.Length == 0)
        {
            return; // nothing written: the status code pages after us may still explain a 404
        }

        buffer.Position = 0;
        response.ContentLength = buffer.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }
}
