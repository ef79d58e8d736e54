namespace Collectif.Features.Statements.Pdf;

/// <summary>
/// A generated PDF, cached: one per statement text and signatory list (<see cref="Key"/>), so a
/// new revision or a new signatory makes a new one and the old never needs invalidating.
/// </summary>
public class StatementPdf
{
    public int Id { get; set; }
    public int StatementId { get; set; }

    /// <summary>SHA-256 over what the PDF shows: revision hash, signatories, coalition name and logo.</summary>
    public required string Key { get; set; }

    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}
