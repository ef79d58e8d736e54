namespace Collectif.Features.Api;

/// <summary>
/// API bodies are small JSON documents: anything over 64 KB is refused with 413 before it is read
/// (by its Content-Length, or by the server while reading a chunked body).
/// </summary>
public static class ApiBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method),
            branch => branch.Use(async (context, next) =>
            {
                if (context.Request.ContentLength > MaxBytes)
                {
                    throw new BadHttpRequestException($"The body is larger than {MaxBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
                }

                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = MaxBytes;
                }

                await next(context);
            }));
}
