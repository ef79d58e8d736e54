namespace Collectif.Features.Coalitions;

/// <summary>The instance's owner. There is exactly one row.</summary>
public class Coalition
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string NameFr { get; set; }
    public required string NameEn { get; set; }
    public required string Acronym { get; set; }
    public string? DescriptionFr { get; set; }
    public string? DescriptionEn { get; set; }

    /// <summary>MIME type of the uploaded logo (its bytes are in <see cref="CoalitionLogo"/>); null when none.</summary>
    public string? LogoContentType { get; set; }

    /// <summary>When the logo last changed: part of its URL, so browsers may cache it forever.</summary>
    public DateTime? LogoUpdatedAt { get; set; }

    /// <summary>Languages the coalition publishes in, first is the default ("fr,en").</summary>
    public string Languages { get; set; } = "fr,en";

    /// <summary>IANA time zone dates are shown in.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Signatory lists grouped by kind of organization (unions, associations, parties…) rather than one list.</summary>
    public bool GroupSignatoriesByKind { get; set; }

    /// <summary>Markdown: how the coalition decides what it publishes and who may issue in its name (the wire's "editorial policy").</summary>
    public string? EditorialPolicyFr { get; set; }

    public string? EditorialPolicyEn { get; set; }

    public string Name(string language) => language == "en" ? NameEn : NameFr;

    public string? EditorialPolicy(string language) => language == "en" ? EditorialPolicyEn ?? EditorialPolicyFr : EditorialPolicyFr ?? EditorialPolicyEn;

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string? Description(string language) => language == "en" ? DescriptionEn ?? DescriptionFr : DescriptionFr ?? DescriptionEn;
}

/// <summary>The logo's bytes, apart from the coalition row that every page loads.</summary>
public class CoalitionLogo
{
    public int Id { get; set; } = Coalition.SingletonId;
    public required byte[] Content { get; set; }
}
