using System.Globalization;
using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

public sealed class DetailsModel(CollectifDb db) : PageModel
{
    public Statement Statement { get; private set; } = null!;
    public IReadOnlyList<SignatoryLine> Signatories { get; private set; } = [];

    /// <summary>"Paris, le 31 août 2025" in the statement's own language.</summary>
    public string PlaceAndDate
    {
        get
        {
            var culture = CultureInfo.GetCultureInfo(Statement.Language == "en" ? "en" : "fr");
            var date = Statement.LetterDate?.ToString(Statement.Language == "en" ? "MMMM d, yyyy" : "d MMMM yyyy", culture);
            return (Statement.Place, date) switch
            {
                ({ Length: > 0 } place, { } d) => Statement.Language == "en" ? $"{place}, {d}" : $"{place}, le {d}",
                ({ Length: > 0 } place, null) => place,
                (_, { } d) => d,
                _ => "",
            };
        }
    }

    /// <summary>schema.org description for search engines: a NewsArticle, or a CreativeWork for open letters. JSON-escaped, so safe inside the script element.</summary>
    public string JsonLd(string url, string description, string publisher) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = Statement.Kind == StatementKind.OpenLetter ? "CreativeWork" : "NewsArticle",
            ["genre"] = Statement.Kind == StatementKind.OpenLetter ? "open letter" : null,
            ["headline"] = Statement.Title,
            ["description"] = description,
            ["inLanguage"] = Statement.Language,
            ["url"] = url,
            ["datePublished"] = Statement.PublishedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = publisher },
        }.Where(p => p.Value is not null).ToDictionary());

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && s.Status != StatementStatus.Draft, cancellationToken);
        if (statement is null)
        {
            return NotFound();
        }

        if (statement.Status == StatementStatus.Withdrawn)
        {
            // Gone, and said so: links and search engines learn it was withdrawn, readers learn why.
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        Statement = statement;
        Signatories = await db.SignatoriesAsync(statement.Id, cancellationToken);
        return Page();
    }
}
