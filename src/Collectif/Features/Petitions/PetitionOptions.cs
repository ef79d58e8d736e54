namespace Collectif.Features.Petitions;

/// <summary>Instance-wide petition settings (section <c>Collectif:Petitions</c>); the privacy page states them.</summary>
public sealed class PetitionOptions
{
    public const string Section = "Collectif:Petitions";

    /// <summary>An unconfirmed signature is deleted after this long.</summary>
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A second confirmation mail to the same signature waits at least this long.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Signatures from one address (IPv4) or one /64 (IPv6) per minute, then per hour. Not lower:
    /// mobile carriers put many phones behind one IPv4 address, and a rally's Wi-Fi too.
    /// </summary>
    public int PerNetworkPerMinute { get; set; } = 20;

    public int PerNetworkPerHour { get; set; } = 200;

    /// <summary>Signatures per e-mail domain per ten minutes, except the large public mail providers.</summary>
    public int PerDomainPerTenMinutes { get; set; } = 100;

    /// <summary>Signatures on one petition from one network (/24, /64) or one domain in ten minutes that raise an alert.</summary>
    public int TrendThreshold { get; set; } = 50;

    /// <summary>Leading zero bits the proof-of-work asks for when a petition is under attack (16 ≈ a second on a phone).</summary>
    public int ProofOfWorkBits { get; set; } = 16;

    /// <summary>
    /// Which sites may show the sign widget in a frame: a CSP <c>frame-ancestors</c> source list.
    /// "https:" (the default) is any site served over https; list origins to restrict it
    /// ("https://www.cgt.fr https://fsu.fr"). Applies to the widget only: every other page refuses frames.
    /// </summary>
    public string WidgetFrameAncestors { get; set; } = "https:";
}
