using Collectif.Text;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Collectif.Web;

/// <summary>
/// Statement bodies are Markdown written by people: Markdig renders them with raw HTML disabled,
/// then HtmlSanitizer removes anything dangerous that Markdown can still express
/// (e.g. <c>javascript:</c> links).
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSmartyPants()
        .Build();

    // French quotes are « guillemets » with a narrow no-break space inside.
    private static readonly MarkdownPipeline FrenchPipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSmartyPants(new Markdig.Extensions.SmartyPants.SmartyPantOptions
        {
            Mapping =
            {
                [Markdig.Extensions.SmartyPants.SmartyPantType.LeftDoubleQuote] = "«&#8239;",
                [Markdig.Extensions.SmartyPants.SmartyPantType.RightDoubleQuote] = "&#8239;»",
            },
        })
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    // Sanitizing parses the HTML again: most of a statement page's cost. A text renders the same
    // every time, so the result is kept, bounded by the characters held (about 40 MB at most).
    private static readonly MemoryCache Rendered = new(new MemoryCacheOptions { SizeLimit = 20_000_000 });

    public static IHtmlContent ToHtml(string? markdown) => Cached("", markdown ?? "", m => Markdig.Markdown.ToHtml(m, Pipeline));

    /// <summary>Rendered with the typography of the text's language (French: « », thin spaces before ; : ! ?).</summary>
    public static IHtmlContent ToHtml(string? markdown, string language) =>
        language == "fr"
            ? Cached("fr", markdown ?? "", m => Markdig.Markdown.ToHtml(FrenchTypography.Apply(m), FrenchPipeline))
            : ToHtml(markdown);

    private static HtmlString Cached(string language, string markdown, Func<string, string> render)
    {
        var key = language + "\n" + markdown;
        if (!Rendered.TryGetValue(key, out HtmlString? html) || html is null)
        {
            html = new HtmlString(Sanitizer.Sanitize(render(markdown)));
            Rendered.Set(key, html, new MemoryCacheEntryOptions { Size = key.Length + html.Value!.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return html;
    }

    /// <summary>The text without its Markdown marks, paragraphs joined by spaces.</summary>
    public static string PlainText(string? markdown) =>
        Markdig.Markdown.ToPlainText(markdown ?? "", Pipeline).ReplaceLineEndings(" ").Trim();

    /// <summary>Plain text of the first <paramref name="length"/> characters, cut at a word, for lists.</summary>
    public static string Excerpt(string? markdown, int length = 280)
    {
        var text = PlainText(markdown);
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd(',', ';', ':', ' ') + " (…)";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img"); // remote images would leak readers' addresses to others
        return sanitizer;
    }
}
