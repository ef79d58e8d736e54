using System.Text.RegularExpressions;
using DiffPlex;

namespace Collectif.Features.Statements;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// A word-level diff for people (DiffPlex underneath): words with their accents are units
/// ("égalité"), punctuation and spaces are their own units, so a changed comma or « » shows alone.
/// </summary>
public static partial class WordDiff
{
    public static IReadOnlyList<DiffSegment> Compare(string? before, string? after)
    {
        var result = Differ.Instance.CreateDiffs(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var segments = new List<DiffSegment>();
        var oldIndex = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(segments, DiffKind.Same, result.PiecesOld.Skip(oldIndex).Take(block.DeleteStartA - oldIndex));
            Add(segments, DiffKind.Removed, result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(segments, DiffKind.Added, result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            oldIndex = block.DeleteStartA + block.DeleteCountA;
        }

        Add(segments, DiffKind.Same, result.PiecesOld.Skip(oldIndex));
        return segments;
    }

    private static void Add(List<DiffSegment> segments, DiffKind kind, IEnumerable<string> pieces)
    {
        var text = string.Concat(pieces);
        if (text.Length == 0)
        {
            return;
        }

        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(kind, text));
        }
    }

    private sealed class WordChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => Token().Matches(text).Select(m => m.Value).ToArray();
    }

    // Words (letters, digits, inner apostrophes and hyphens: "aujourd’hui", "Proche-Orient"), runs of spaces, single signs.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*|\s+|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
