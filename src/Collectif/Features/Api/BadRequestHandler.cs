using Microsoft.AspNetCore.Diagnostics;

namespace Collectif.Features.Api;

/// <summary>
/// Turns what the framework could not bind — "abc" for a number, malformed JSON, a body that is not
/// JSON, a body over the size limit — into a ProblemDetails that says which parameter and why,
/// with the framework's status (400, 413, 415), instead of a 500. It is the client's mistake,
/// so it is not logged as a server error.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                    _ => "Invalid request",
                },
                Detail = Describe(bad),
            },
        });
    }

    public const string SendJson = "Send the body as JSON with the header Content-Type: application/json.";

    public static bool IsClientMistake(Exception exception) => exception is BadHttpRequestException;

    private static string Describe(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => SendJson,
        StatusCodes.Status413PayloadTooLarge => "The body is larger than this endpoint accepts.",
        _ => bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this endpoint: {json.Message}"
            : bad.Message,
    };
}
