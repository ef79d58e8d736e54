using System.Net;
using AngleSharp.Html.Dom;

namespace Collectif.Tests.Web;

/// <summary>The forms the pages show (AngleSharp), for the HTTP tests only.</summary>
internal static partial class SiteMap
{
    public sealed record Field(string Name, string Type, string Value);

    public sealed record Form(string Action, bool Multipart, IReadOnlyList<Field> Fields);

    /// <summary>The POST forms of the HTML page at <paramref name="path"/> that post to this site and keep the session; none when it is not an HTML page.</summary>
    public static async Task<IReadOnlyList<Form>> PostFormsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html" || EndsTheSession(path))
        {
            return [];
        }

        var page = await response.ReadDocumentAsync();
        return page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            .Select(f => new Form(
                f.GetAttribute("action") is { Length: > 0 } a ? a : path,
                (f.Enctype ?? "").Contains("multipart", StringComparison.OrdinalIgnoreCase),
                f.QuerySelectorAll("input[name], textarea[name], select[name]")
                    .Select(e => new Field(e.GetAttribute("name")!, e.GetAttribute("type") ?? e.LocalName, e.GetAttribute("value") ?? ""))
                    .ToList()))
            .Where(f => f.Action.StartsWith('/') && !EndsTheSession(f.Action))
            .ToList();
    }
}
