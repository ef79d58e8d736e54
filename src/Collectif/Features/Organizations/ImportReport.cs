using System.Text;

namespace Collectif.Features.Organizations;

/// <summary>The import preview as plain text, for the command line.</summary>
public static class ImportReport
{
    public static string Text(ImportPreview preview)
    {
        var builder = new StringBuilder();
        foreach (var row in preview.Rows)
        {
            builder.Append(row.Number.ToString().PadLeft(3)).Append("  ")
                .Append(row.Outcome.ToString().ToLowerInvariant().PadRight(9)).Append("  ")
                .Append(SignatoryListParser.Render(row.Entry));
            var reason = Describe(row);
            if (reason.Length > 0)
            {
                builder.Append("  — ").Append(reason);
            }

            builder.Append('\n');
        }

        builder.Append($"{preview.Count(ImportOutcome.New)} new, {preview.Count(ImportOutcome.Matched)} matched, {preview.Count(ImportOutcome.Ambiguous)} ambiguous, {preview.Count(ImportOutcome.Duplicate)} repeated, {preview.Count(ImportOutcome.Skipped)} skipped.\n");
        return builder.ToString();
    }

    /// <summary>The reason in English, naming the registry organizations involved.</summary>
    public static string Describe(ImportRow row)
    {
        var names = string.Join("; ", row.Organizations.Select(o => o.Acronym is null ? o.Name : $"{o.Name} ({o.Acronym})"));
        return row.Reason switch
        {
            ImportReason.NotInRegistry => "not in the registry: will be created",
            ImportReason.SameName => $"same name as {names}",
            ImportReason.SameAlias => $"known alias of {names}",
            ImportReason.SameAcronym => $"same acronym as {names}",
            ImportReason.SameNameAndAcronym => $"same name and acronym as {names}",
            ImportReason.SameAcronymOtherName => $"same acronym as {names}, but another name: check, then add an alias",
            ImportReason.SeveralOrganizations => $"could be any of: {names}",
            ImportReason.RepeatedInList => "already earlier in this list",
            ImportReason.AlreadyMember => $"{names} is already a member",
            ImportReason.AlreadySignatory => "already a signatory of this statement",
            ImportReason.PersonNotMember => "a person, not an organization: not imported as a member",
            ImportReason.NewPerson => "person: will be added as a signatory",
            _ => "",
        };
    }
}
