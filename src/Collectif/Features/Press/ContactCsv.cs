using System.Globalization;
using System.Net.Mail;
using System.Text;
using Collectif.Text;
using CsvHelper;

namespace Collectif.Features.Press;

/// <summary>What a column of an imported file holds.</summary>
public enum ContactField
{
    Ignore = 0,
    Email,
    Name,
    FirstName,
    LastName,
    Outlet,
    Role,
    Phone,
    Languages,
    Topics,
    Notes,
}

/// <summary>A valid line of an imported file, ready to merge.</summary>
public sealed record ContactRow(int Line, string Email, string Name, string? Outlet, string? Role, string? Phone, string? Languages, string? Topics, string? Notes);

public sealed record CsvProblem(int Line, string Message);

/// <summary>Why a line was not imported: an English text that is also the translation key, and its argument.</summary>
public sealed record RowProblem(string Message, object? Argument = null);

/// <summary>
/// Reads the contact files people actually have: exported from a spreadsheet or a mailing tool, in
/// UTF-8 or Windows-1252 (Excel in France), separated by commas, semicolons or tabs, with French or
/// English column names, sometimes first and last names apart. Column names are guessed, the
/// person confirms the mapping on a preview.
/// </summary>
public static class ContactCsv
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 100_000;

    static ContactCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text of the file and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3), "UTF-8");
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: what Excel writes on a French Windows ("Enregistrer sous… CSV").
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252");
        }
    }

    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<(int Line, string[] Fields)> Rows, char Separator, IReadOnlyList<CsvProblem> Problems);

    /// <summary>Headers and rows; a row that cannot be read is reported with its line, never silently dropped.</summary>
    public static Table Read(string text, int maxRows = MaxRows)
    {
        var problems = new List<CsvProblem>();
        var options = new CsvReaderOptions
        {
            TrimWhitespace = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
            MaxRecordSize = 1024 * 1024,
            OnMalformedRecord = record => problems.Add(new CsvProblem(0, record.Reason.ToString())),
        };
        using var reader = CsvReader.Create(new StringReader(text), options);
        var headers = reader.Headers.Select(h => h ?? "").ToList();
        var rows = new List<(int, string[])>();
        while (reader.Read())
        {
            if (rows.Count >= maxRows)
            {
                problems.Add(new CsvProblem((int)reader.LineNumber, "TooManyRows"));
                break;
            }

            var fields = new string[Math.Max(reader.FieldCount, headers.Count)];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = i < reader.FieldCount ? reader.GetString(i) : "";
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(((int)reader.LineNumber, fields));
        }

        return new Table(headers, rows, reader.Separator, problems);
    }

    private static readonly (ContactField Field, string[] Names)[] KnownHeaders =
    [
        (ContactField.Email, ["email", "e-mail", "e mail", "mail", "courriel", "adresse mail", "adresse e-mail", "adresse email", "adresse electronique", "email address", "e-mail address", "mel", "emails"]),
        (ContactField.FirstName, ["prenom", "first name", "firstname", "given name", "first"]),
        (ContactField.LastName, ["nom de famille", "last name", "lastname", "surname", "family name", "last"]),
        (ContactField.Name, ["nom", "name", "nom complet", "full name", "contact", "journaliste", "journalist", "nom et prenom", "prenom nom", "prenom et nom", "display name"]),
        (ContactField.Outlet, ["media", "medias", "outlet", "redaction", "journal", "titre", "support", "publication", "organisation", "organization", "company", "societe", "entreprise", "newsroom"]),
        (ContactField.Role, ["fonction", "role", "poste", "title", "job title", "position", "qualite"]),
        (ContactField.Phone, ["telephone", "tel", "phone", "mobile", "portable", "phone number", "numero", "tel portable", "telephone mobile"]),
        (ContactField.Languages, ["langue", "langues", "language", "languages", "lang"]),
        (ContactField.Topics, ["rubrique", "rubriques", "thematique", "thematiques", "themes", "theme", "topics", "topic", "beat", "beats", "service", "sujets"]),
        (ContactField.Notes, ["notes", "note", "commentaire", "commentaires", "comments", "remarques"]),
    ];

    /// <summary>The likely meaning of each column from its name ("Courriel", "E-mail address", "Prénom"…).</summary>
    public static ContactField[] GuessMapping(IReadOnlyList<string> headers)
    {
        var mapping = new ContactField[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var key = TextKey.Normalize(headers[i]).Replace('_', ' ').Replace('.', ' ').Trim();
            key = string.Join(' ', key.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var field = KnownHeaders.FirstOrDefault(k => k.Names.Contains(key)).Field;
            if (field == ContactField.Ignore)
            {
                field = KnownHeaders.FirstOrDefault(k => k.Names.Any(n => n.Length > 3 && key.Contains(n, StringComparison.Ordinal))).Field;
            }

            // One column per meaning: the first wins, later ones are left for the person to choose.
            mapping[i] = field != ContactField.Ignore && !mapping.Contains(field) ? field : ContactField.Ignore;
        }

        // "Prénom;Nom": next to a first-name column, "Nom" is the family name.
        var name = Array.IndexOf(mapping, ContactField.Name);
        if (name >= 0 && mapping.Contains(ContactField.FirstName) && !mapping.Contains(ContactField.LastName))
        {
            mapping[name] = ContactField.LastName;
        }

        return mapping;
    }

    /// <summary>What is wrong with a mapping as a whole, or null.</summary>
    public static RowProblem? MappingProblem(IReadOnlyList<ContactField> mapping)
    {
        if (!mapping.Contains(ContactField.Email))
        {
            return new RowProblem("Choose the column that holds the e-mail addresses.");
        }

        return mapping.Where(f => f != ContactField.Ignore).GroupBy(f => f).Any(g => g.Count() > 1)
            ? new RowProblem("Each kind of information can come from one column only.")
            : null;
    }

    /// <summary>A row as a contact, or the reason it cannot be one.</summary>
    public static (ContactRow? Row, RowProblem? Problem) ToContact(int line, string[] fields, IReadOnlyList<ContactField> mapping)
    {
        string? Get(ContactField field)
        {
            var index = IndexOf(mapping, field);
            return index >= 0 && index < fields.Length && !string.IsNullOrWhiteSpace(fields[index]) ? Clean(fields[index]) : null;
        }

        var rawEmail = Get(ContactField.Email);
        if (rawEmail is null)
        {
            return (null, new RowProblem("No e-mail address."));
        }

        var email = ValidEmail(rawEmail);
        if (email is null)
        {
            return (null, new RowProblem("“{0}” is not an e-mail address.", Shorten(rawEmail)));
        }

        var name = Get(ContactField.Name) ?? string.Join(' ', new[] { Get(ContactField.FirstName), Get(ContactField.LastName) }.Where(n => n is not null));
        if (string.IsNullOrWhiteSpace(name))
        {
            name = email; // lists exported from mail tools often have the address only
        }

        if (name.Length > PressLimits.Name)
        {
            return (null, new RowProblem("The name is longer than {0} characters.", PressLimits.Name));
        }

        var languages = Get(ContactField.Languages) is { } typed ? ParseLanguages(typed) : null;
        return (new ContactRow(line, email, name, Limit(Get(ContactField.Outlet), PressLimits.Name), Limit(Get(ContactField.Role), PressLimits.Name),
            Limit(Get(ContactField.Phone), PressLimits.Phone), languages, Limit(Get(ContactField.Topics), PressLimits.Topics), Limit(Get(ContactField.Notes), PressLimits.Notes)), null);
    }

    /// <summary>The address if it is one a mail can be sent to (and that cannot inject headers), else null.</summary>
    public static string? ValidEmail(string typed)
    {
        var address = typed.Trim().Trim('<', '>').Trim();
        if (address.Length is 0 or > 254 || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '"'))
        {
            return null;
        }

        try
        {
            var parsed = new MailAddress(address);
            return parsed.Address == address && parsed.Host.Contains('.', StringComparison.Ordinal) && !parsed.Host.EndsWith('.') ? address : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>"fr", "FR/EN", "Français, anglais", "English" → "fr,en"; unknown words are dropped.</summary>
    public static string? ParseLanguages(string typed)
    {
        var codes = new List<string>();
        foreach (var word in TextKey.Normalize(typed).Split([',', ';', '/', ' ', '|', '+'], StringSplitOptions.RemoveEmptyEntries))
        {
            var code = word switch
            {
                "fr" or "fra" or "fre" or "francais" or "french" or "francaise" => "fr",
                "en" or "eng" or "anglais" or "english" or "anglaise" => "en",
                _ => null,
            };
            if (code is not null && !codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes.Count > 0 ? string.Join(',', codes) : null;
    }

    private static int IndexOf(IReadOnlyList<ContactField> mapping, ContactField field)
    {
        for (var i = 0; i < mapping.Count; i++)
        {
            if (mapping[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    // Line breaks and control characters never reach a contact (they would end up in mail headers).
    private static string Clean(string value) =>
        string.Join(' ', new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string? Limit(string? value, int length) => value is null ? null : value.Length <= length ? value : value[..length];

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    public static string Describe(char separator) => separator switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "vertical bar",
        _ => separator.ToString(CultureInfo.InvariantCulture),
    };
}
