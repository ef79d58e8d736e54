using Microsoft.Extensions.Localization;

namespace Collectif.Features.Organizations;

/// <summary>Import outcomes and reasons as sentences in the page's language.</summary>
public static class ImportLabels
{
    public static string Outcome(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.New => "New",
        ImportOutcome.Matched => "Matched",
        ImportOutcome.Ambiguous => "Ambiguous",
        ImportOutcome.Duplicate => "Repeated",
        _ => "Skipped",
    };

    public static string Reason(ImportRow row, IStringLocalizer localizer)
    {
        var names = string.Join("; ", row.Organizations.Select(o => o.Acronym is null ? o.Name : $"{o.Name} ({o.Acronym})"));
        return row.Reason switch
        {
            ImportReason.NotInRegistry => localizer["Not in the registry: will be created."],
            ImportReason.SameName => localizer["Same name as {0}.", names],
            ImportReason.SameAlias => localizer["Known other name of {0}.", names],
            ImportReason.SameAcronym => localizer["Same acronym as {0}.", names],
            ImportReason.SameNameAndAcronym => localizer["Same name and acronym as {0}.", names],
            ImportReason.SameAcronymOtherName => localizer["Same acronym as {0}, but another name: check it, then add this name as an other name.", names],
            ImportReason.SeveralOrganizations => localizer["Could be any of: {0}.", names],
            ImportReason.RepeatedInList => localizer["Already earlier in this list."],
            ImportReason.AlreadyMember => localizer["Already a member."],
            ImportReason.AlreadySignatory => localizer["Already a signatory of this statement."],
            ImportReason.PersonNotMember => localizer["A person, not an organization: not imported as a member."],
            ImportReason.NewPerson => localizer["A person: will be added as a signatory."],
            _ => "",
        };
    }
}
