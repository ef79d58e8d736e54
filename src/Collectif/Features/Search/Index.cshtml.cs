using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collectif.Features.Search;

/// <summary>Search the public statements: /search?q=…</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Web.PublicCache.Policy)]
public sealed class IndexModel(StatementSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchResult>? Results { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return Page();
        }

        if (Query.Length > StatementSearch.QueryMaxLength)
        {
            Error = "The search is too long (at most 200 characters).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (StatementSearch.Terms(Query).Count == 0)
        {
            Error = "Type at least one word of two letters or more.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = await search.SearchAsync(Query, 50, cancellationToken);
        return Page();
    }
}
