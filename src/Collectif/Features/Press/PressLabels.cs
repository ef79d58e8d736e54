namespace Collectif.Features.Press;

/// <summary>English texts (translation keys) for press states.</summary>
public static class PressLabels
{
    public static string Status(RecipientStatus status) => status switch
    {
        RecipientStatus.Queued => "Queued",
        RecipientStatus.Sent => "Sent",
        RecipientStatus.Failed => "Failed",
        RecipientStatus.Bounced => "Bounced",
        _ => "Cancelled",
    };
}
