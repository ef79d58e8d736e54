namespace Collectif.Features.Organizations;

/// <summary>English labels (resource keys) of organization kinds, singular and plural.</summary>
public static class OrganizationLabels
{
    public static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Union => "Trade union",
        OrganizationKind.Party => "Political party",
        OrganizationKind.Association => "Association",
        OrganizationKind.StudentOrYouth => "Student or youth group",
        OrganizationKind.Collective => "Collective",
        OrganizationKind.Faith => "Faith group",
        OrganizationKind.Media => "Media",
        _ => "Other",
    };
}
