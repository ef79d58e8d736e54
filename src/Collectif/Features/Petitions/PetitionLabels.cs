namespace Collectif.Features.Petitions;

/// <summary>English labels (resource keys) of signature statuses.</summary>
public static class PetitionLabels
{
    public static string Status(SignatureStatus status) => status switch
    {
        SignatureStatus.Pending => "Waiting for confirmation",
        SignatureStatus.Confirmed => "Confirmed",
        SignatureStatus.Blocked => "Blocked (silently)",
        SignatureStatus.Invalidated => "Invalidated",
        SignatureStatus.Withdrawn => "Withdrawn by the signer",
        SignatureStatus.Erased => "Erased on request",
        _ => status.ToString(),
    };
}
