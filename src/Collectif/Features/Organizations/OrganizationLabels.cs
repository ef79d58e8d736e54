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

    /// <summary>Group headings of signatory lists ("Trade unions"), resource keys.</summary>
    public static string KindPlural(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Union => "Trade unions",
        OrganizationKind.Party => "Political parties",
        OrganizationKind.Association => "Associations",
        OrganizationKind.StudentOrYouth => "Student and youth groups",
        OrganizationKind.Collective => "Collectives",
        OrganizationKind.Faith => "Faith groups",
        OrganizationKind.Media => "Media",
        _ => "Other signatories",
    };
}
