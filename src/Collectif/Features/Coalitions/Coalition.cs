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

    /// <summary>Path under wwwroot of the logo, if any.</summary>
    public string? LogoPath { get; set; }

    /// <summary>Languages the coalition publishes in, first is the default ("fr,en").</summary>
    public string Languages { get; set; } = "fr,en";

    /// <summary>IANA time zone dates are shown in.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    public string Name(string language) => language == "en" ? NameEn : NameFr;

    public string? Description(string language) => language == "en" ? DescriptionEn ?? DescriptionFr : DescriptionFr ?? DescriptionEn;
}
