namespace Collectif.Features.Statements;

/// <summary>One signatory as printed lists write it: "Name (ACRONYM)", or "Name, role — organization" for a person.</summary>
public static class SignatoryFormat
{
    public static string Line(SignatoryLine signatory) => signatory switch
    {
        { OrganizationSlug: not null, Acronym: { Length: > 0 } acronym } => $"{signatory.Name} ({acronym})",
        { OrganizationSlug: not null } => signatory.Name,
        { Role: { Length: > 0 } role, PersonOrganization: { Length: > 0 } organization } => $"{signatory.Name}, {role} — {organization}",
        { Role: { Length: > 0 } role } => $"{signatory.Name}, {role}",
        _ => signatory.Name,
    };
}
