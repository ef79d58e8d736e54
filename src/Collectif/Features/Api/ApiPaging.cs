using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Collectif.Features.Api;

/// <summary>The paging every list of the API shares: <c>page</c> from 1, <c>pageSize</c> from 1 to a maximum.</summary>
public readonly record struct ApiPaging(int Page, int PageSize)
{
    public int Skip => (Page - 1) * PageSize;

    /// <summary>The query parameter of the page size: <c>pageSize</c> here, <c>per_page</c> in OSDI.</summary>
    public string SizeName { get; init; } = "pageSize";

    public static ProblemHttpResult? TryRead(int? page, int? pageSize, out ApiPaging paging, int defaultSize = 50, int maxSize = 500, string sizeName = "pageSize")
    {
        paging = new ApiPaging(page ?? 1, pageSize ?? defaultSize) { SizeName = sizeName };
        return paging.Page < 1 || paging.PageSize < 1 || paging.PageSize > maxSize
            ? ApiProblems.BadRequest("Invalid paging", $"page starts at 1; {sizeName} is between 1 and {maxSize}.")
            : null;
    }

    public int TotalPages(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    public bool HasNext(int total) => Skip + PageSize < total;

    /// <summary>RFC 8288 links to the next and previous pages, keeping the other query parameters.</summary>
    public void AddLinks(HttpContext context, int total)
    {
        var links = new List<string>();
        if (HasNext(total))
        {
            links.Add($"<{PageUrl(context, Page + 1)}>; rel=\"next\"");
        }

        if (Page > 1)
        {
            links.Add($"<{PageUrl(context, Page - 1)}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }
    }

    public string PageUrl(HttpContext context, int page)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value);
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        query[SizeName] = PageSize.ToString(CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.Request.Path, query);
    }
}

/// <summary>One list page of the API: the items, how many in all and where we are.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>ProblemDetails (RFC 9457) with a title and a detail a person can read.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string title, string detail) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    /// <summary>A time from the query string in UTC: as given with an offset or Z, taken as UTC without one.</summary>
    public static DateTime? Utc(DateTime? time) => time is { } t ? (t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : null;

    /// <summary>Reads an enumeration by name (not by number: "2" is no kind), case ignored.</summary>
    public static bool TryParseName<TEnum>(string? text, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    public static ProblemHttpResult UnknownName<TEnum>(string parameter)
        where TEnum : struct, Enum =>
        BadRequest($"Unknown {parameter}", $"{parameter} must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
}
