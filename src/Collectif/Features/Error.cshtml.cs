using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collectif.Features;

/// <summary>The error page for people, in their language; never shows exception details.</summary>
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too
public sealed class ErrorModel : PageModel
{
    /// <summary>Title and message (resource keys) per status code; 0 is any other client error, 500 any server error.</summary>
    public static readonly IReadOnlyDictionary<int, (string Title, string Message)> Texts = new Dictionary<int, (string, string)>
    {
        [404] = ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
        [400] = ("This request could not be understood", "Something in the request was not valid. Go back and check what you entered."),
        [403] = ("Access denied", "You are not allowed to see this page."),
        [405] = ("This action is not possible here", "This page does not accept this kind of request."),
        [413] = ("Too large", "What you sent is too large."),
        [429] = ("Too many attempts", "Please wait a minute before trying again."),
        [500] = ("Something went wrong", "The server could not complete this request. Nothing you sent was lost; please try again in a moment."),
        [503] = ("Briefly unavailable", "The database cannot be reached right now, so what you just did was not saved. Please try again in a minute."),
        [0] = ("This request could not be completed", "Go back and try again."),
    };

    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        // After an exception the handler has already chosen the status (503 when the database is away).
        var failure = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var handled = failure is not null;
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        // A request the framework could not read (BadHttpRequestException) keeps its 400 or 413 and says so.
        // Re-executed after a 4xx whose form could not be read again (the code did not bind): the status says what happened.
        var status = code ?? (failure is BadHttpRequestException bad ? bad.StatusCode
            : (handled || reExecuted) && Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        if (!handled && !reExecuted && (code is null || status is < 400 or >= 600))
        {
            // Someone typed /error/ or /error/-1: no error happened, there is just no such page.
            status = StatusCodes.Status404NotFound;
        }

        (Title, Message) = Texts.TryGetValue(status, out var text) ? text : Texts[status >= 500 ? 500 : 0];
        // A re-executed page keeps the original status code; a direct visit to /error/404 shows it too.
        if (!reExecuted)
        {
            Response.StatusCode = status is >= 400 and < 600 ? status : StatusCodes.Status500InternalServerError;
        }

        return Page();
    }
}
