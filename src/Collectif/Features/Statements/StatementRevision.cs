using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Collectif.Features.Statements;

/// <summary>
/// An immutable snapshot of a statement's text. Every save creates one; signatures will point at
/// one by its <see cref="ContentHash"/>, so a signature always names the exact text it approved.
/// </summary>
public class StatementRevision
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public Statement? Statement { get; set; }

    /// <summary>1, 2, 3… within the statement.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }
    public string? Subtitle { get; set; }
    public string Body { get; set; } = "";
    public string? Addressee { get; set; }
    public string? Place { get; set; }
    public DateOnly? LetterDate { get; set; }
    public string? Subject { get; set; }
    public string? Salutation { get; set; }
    public string? DatelineCity { get; set; }
    public string? DatelineCountry { get; set; }
    public string? MediaContacts { get; set; }
    public string? About { get; set; }

    public int? AuthorId { get; set; }
    public string? AuthorEmail { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When this revision restores an older one, its number.</summary>
    public int? RestoredFrom { get; set; }

    /// <summary>SHA-256 (hex) of <see cref="CanonicalText"/>.</summary>
    public required string ContentHash { get; set; }

    /// <summary>
    /// The text as signed: Unicode NFC, LF line ends, no trailing spaces, fields in a fixed order
    /// as JSON. Two revisions with the same wording have the same hash, whoever saved them when.
    /// Fields added after the first release only appear when set, so older hashes stay valid.
    /// </summary>
    public static string CanonicalText(StatementText text)
    {
        var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["addressee"] = Canonical(text.Addressee),
            ["body"] = Canonical(text.Body),
            ["kind"] = text.Kind.ToString(),
            ["language"] = text.Language,
            ["letterDate"] = text.LetterDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["place"] = Canonical(text.Place),
            ["subject"] = Canonical(text.Subject),
            ["subtitle"] = Canonical(text.Subtitle),
            ["title"] = Canonical(text.Title),
        };
        AddWhenSet(fields, "salutation", text.Salutation);
        AddWhenSet(fields, "datelineCity", text.DatelineCity);
        AddWhenSet(fields, "datelineCountry", text.DatelineCountry);
        AddWhenSet(fields, "mediaContacts", text.MediaContacts);
        AddWhenSet(fields, "about", text.About);
        return JsonSerializer.Serialize(fields);
    }

    private static void AddWhenSet(SortedDictionary<string, string?> fields, string name, string? value)
    {
        if (Canonical(value) is { } canonical)
        {
            fields[name] = canonical;
        }
    }

    /// <summary>The first revision of a statement that was created with its text (demo data, imports).</summary>
    public static StatementRevision Initial(Statement statement, DateTime now)
    {
        statement.CurrentRevision = 1;
        var revision = Create(StatementText.Of(statement), 1, now, authorId: null, authorEmail: null, restoredFrom: null);
        statement.CurrentContentHash = revision.ContentHash;
        return revision;
    }

    public static StatementRevision Create(StatementText text, int number, DateTime now, int? authorId, string? authorEmail, int? restoredFrom) => new()
    {
        Number = number,
        Title = text.Title,
        Subtitle = text.Subtitle,
        Body = text.Body,
        Addressee = text.Addressee,
        Place = text.Place,
        LetterDate = text.LetterDate,
        Subject = text.Subject,
        Salutation = text.Salutation,
        DatelineCity = text.DatelineCity,
        DatelineCountry = text.DatelineCountry,
        MediaContacts = text.MediaContacts,
        About = text.About,
        AuthorId = authorId,
        AuthorEmail = authorEmail,
        CreatedAt = now,
        RestoredFrom = restoredFrom,
        ContentHash = Hash(text.Canonical),
    };

    public static string Hash(string canonicalText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));

    private static string? Canonical(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lines = text.Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd());
        var joined = string.Join('\n', lines).Trim('\n');
        return joined.Length == 0 ? null : joined;
    }
}
