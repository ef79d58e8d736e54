namespace Collectif.Features.Ledger;

/// <summary>English labels (resource keys) of ledger actions.</summary>
public static class LedgerLabels
{
    public static string Action(string action) => action switch
    {
        LedgerActions.Imported => "listed from an earlier list",
        LedgerActions.Signature => "signed",
        LedgerActions.SilentConsent => "counted by silent consent",
        LedgerActions.Late => "signed late, after publication",
        LedgerActions.Confirmed => "confirmed a new version of the text",
        LedgerActions.Withdrawn => "withdrew",
        LedgerActions.Erased => "erased",
        LedgerActions.Invalidated => "invalidated by the coalition",
        _ => action,
    };
}
