namespace Collectif.Features.Press;

public enum ImportStatus
{
    /// <summary>Uploaded, waiting for the person to check the columns.</summary>
    Preview = 0,

    /// <summary>Being merged into the contacts, in chunks; resumes after a restart.</summary>
    Running = 1,
    Done = 2,
}

/// <summary>
/// An uploaded contact file and the progress of its import. The file is kept until the import is
/// done (so a restart resumes where the last committed chunk ended), then erased.
/// </summary>
public class ContactImport
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public byte[]? Content { get; set; }

    /// <summary>Meaning of each column, comma-separated <see cref="ContactField"/> names.</summary>
    public string Mapping { get; set; } = "";

    /// <summary>List the imported contacts join, if any.</summary>
    public int? PressListId { get; set; }

    public ImportStatus Status { get; set; }

    /// <summary>Language of the person who started it: the reasons of skipped lines are written in it.</summary>
    public string Language { get; set; } = "fr";

    public int TotalRows { get; set; }

    /// <summary>Rows handled so far, committed with the contacts they produced.</summary>
    public int ProcessedRows { get; set; }

    public int Created { get; set; }
    public int Merged { get; set; }
    public int Skipped { get; set; }

    /// <summary>"Line 12: … " for the first skipped lines.</summary>
    public string Problems { get; set; } = "";

    public int? AccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public ContactField[] Fields =>
        Mapping.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => Enum.TryParse<ContactField>(name, out var parsed) ? parsed : ContactField.Ignore).ToArray();
}
