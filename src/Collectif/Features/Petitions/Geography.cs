namespace Collectif.Features.Petitions;

/// <summary>Countries (ISO 3166-1 alpha-2, named in French and English) and French départements from postcodes.</summary>
public static class Geography
{
    public sealed record Country(string Code, string English, string French)
    {
        public string Name(string language) => language == "fr" ? French : English;
    }

    public static readonly IReadOnlyList<Country> Countries = Load();

    private static readonly Dictionary<string, Country> ByCode = Countries.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static Country? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim(), out var country) ? country : null;

    public static string CountryName(string code, string language) => Find(code)?.Name(language) ?? code;

    public static IEnumerable<Country> Sorted(string language) =>
        Countries.OrderBy(c => Collectif.Text.TextKey.Sort(c.Name(language)), StringComparer.Ordinal);

    /// <summary>
    /// The département of a French postcode: its first two digits, "2A"/"2B" for Corsica (20000–20199
    /// and 20200–20699), three digits overseas (971 Guadeloupe… 976 Mayotte, 98x collectivities).
    /// Null when the postcode is not five digits.
    /// </summary>
    public static string? Departement(string? postcode)
    {
        var digits = postcode?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: 5 } || !digits.All(char.IsAsciiDigit) || digits.StartsWith("00", StringComparison.Ordinal))
        {
            return null;
        }

        if (digits.StartsWith("20", StringComparison.Ordinal))
        {
            return digits[2] is '0' or '1' ? "2A" : "2B";
        }

        return digits.StartsWith("97", StringComparison.Ordinal) || digits.StartsWith("98", StringComparison.Ordinal) ? digits[..3] : digits[..2];
    }

    private static List<Country> Load()
    {
        using var stream = typeof(Geography).Assembly.GetManifestResourceStream("Collectif.Features.Petitions.countries.tsv")
            ?? throw new InvalidOperationException("The country list is missing from the build.");
        using var reader = new StreamReader(stream);
        var countries = new List<Country>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 3)
            {
                countries.Add(new Country(parts[0], parts[1], parts[2]));
            }
        }

        return countries;
    }
}
