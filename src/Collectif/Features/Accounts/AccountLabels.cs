namespace Collectif.Features.Accounts;

/// <summary>English labels (resource keys) of roles.</summary>
public static class AccountLabels
{
    public static string Role(string role) => role switch
    {
        Roles.Administrator => "Administrator (secretariat)",
        Roles.Editor => "Editor",
        Roles.PressOfficer => "Press officer",
        Roles.Observer => "Observer",
        _ => role,
    };
}
