using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Search;

/// <summary>A statement found by a search, with its title and a passage where the words were found marked.</summary>
public sealed record SearchResult(string Slug, StatementKind Kind, string Language, IHtmlContent Title, IHtmlContent Snippet, DateTime? PublishedAt);

/// <summary>
/// Full-text search over public statements. Both providers index the same accent-free text
/// (<see cref="Statement.SearchTitle"/>, <see cref="Statement.SearchText"/>): SQLite through FTS5
/// ranked by bm25, PostgreSQL through a weighted tsvector ranked by ts_rank. Every word is matched
/// as a prefix, so "mobilis" finds "mobilisons-nous"; the highlighting is done here, on the
/// original text, so readers see their words with accents.
/// </summary>
public sealed partial class StatementSearch(CollectifDb db)
{
    public const int QueryMaxLength = 200;
    private const int MaxTerms = 8;

    private sealed record Ranked(int Id, double Rank);

    /// <summary>The query's words, lower-case and accent-free, letters and digits only (safe to put in a MATCH or tsquery).</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        WordPattern().Matches(TextKey.Normalize(query))
            .Select(m => m.Value)
            .Where(w => w.Length > 1 || char.IsDigit(w[0]))
            .Select(w => w.Length > 40 ? w[..40] : w)
            .Distinct()
            .Take(MaxTerms)
            .ToList();

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string? query, int limit, CancellationToken cancellationToken)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var ranked = db.Database.IsNpgsql()
            ? await RankPostgresAsync(string.Join(" & ", terms.Select(t => t + ":*")), limit, cancellationToken)
            : await RankSqliteAsync(string.Join(' ', terms.Select(t => $"\"{t}\"*")), limit, cancellationToken);
        var ids = ranked.Select(r => r.Id).ToList();
        var statements = await db.Statements.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Slug, s.Kind, s.Language, s.Title, s.Subtitle, s.Body, s.PublishedAt })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return ranked.Where(r => statements.ContainsKey(r.Id)).Select(r => statements[r.Id]).Select(s => new SearchResult(
            s.Slug, s.Kind, s.Language,
            Highlight(s.Title, terms, int.MaxValue),
            Highlight(Web.Markdown.PlainText(s.Body), terms, 260),
            s.PublishedAt)).ToList();
    }

    private Task<List<Ranked>> RankSqliteAsync(string match, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Ranked>($"""
            SELECT s.Id AS Id, -bm25(StatementSearch, 4.0, 1.0) AS Rank
            FROM StatementSearch JOIN Statements s ON s.Id = StatementSearch.rowid
            WHERE StatementSearch MATCH {match} AND s.Status IN ('Published', 'Archived')
            ORDER BY Rank DESC, s.PublishedAt DESC
            LIMIT {limit}
            """).ToListAsync(cancellationToken);

    private Task<List<Ranked>> RankPostgresAsync(string tsquery, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Ranked>($"""
            SELECT "Id", ts_rank("SearchVector", to_tsquery('simple', {tsquery}))::float8 AS "Rank"
            FROM "Statements"
            WHERE "SearchVector" @@ to_tsquery('simple', {tsquery}) AND "Status" IN ('Published', 'Archived')
            ORDER BY "Rank" DESC, "PublishedAt" DESC
            LIMIT {limit}
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// The passage around the first word that matches, about <paramref name="length"/> characters,
    /// cut at words, with every matching word in &lt;mark&gt;. The text is HTML-encoded here.
    /// </summary>
    public static IHtmlContent Highlight(string text, IReadOnlyList<string> terms, int length)
    {
        var words = WordPattern().Matches(text).Where(w => Matches(w.Value, terms)).ToList();
        var start = 0;
        var end = text.Length;
        if (text.Length > length)
        {
            var first = words.Count > 0 ? words[0].Index : 0;
            start = Math.Max(0, first - (length / 3));
            start = start == 0 ? 0 : NextWordStart(text, start);
            end = Math.Min(text.Length, start + length);
            end = end == text.Length ? end : PreviousWordEnd(text, end, start);
        }

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("(…) ");
        }

        var position = start;
        foreach (var word in words.Where(w => w.Index >= start && w.Index + w.Length <= end))
        {
            html.Append(HtmlEncoder.Default.Encode(text[position..word.Index]));
            html.Append("<mark>").Append(HtmlEncoder.Default.Encode(word.Value)).Append("</mark>");
            position = word.Index + word.Length;
        }

        html.Append(HtmlEncoder.Default.Encode(text[position..end]));
        if (end < text.Length)
        {
            html.Append(" (…)");
        }

        return new HtmlString(html.ToString());
    }

    private static bool Matches(string word, IReadOnlyList<string> terms)
    {
        var key = TextKey.Normalize(word);
        return terms.Any(t => key.StartsWith(t, StringComparison.Ordinal));
    }

    private static int NextWordStart(string text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index - 1]))
        {
            index++;
        }

        return index;
    }

    private static int PreviousWordEnd(string text, int index, int floor)
    {
        var cut = text.LastIndexOf(' ', index - 1, index - floor);
        return cut > floor ? cut : index;
    }

    [GeneratedRegex(@"[\p{L}\p{Mn}\p{Nd}]+")]
    private static partial Regex WordPattern();
}
