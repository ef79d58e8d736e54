using System.Globalization;
using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements;

/// <summary>A translation of the statement shown (or its original), linked from the page.</summary>
public sealed record TranslationLink(string Slug, string Language, string Title);

[CachedWithVisitorParts]
public sealed class DetailsModel(CollectifDb db, Petitions.PetitionStats stats, Petitions.ProofOfWork proofOfWork, TimeProvider clock) : PageModel
{
    /// <summary>Petitions and calls: the signature block.</summary>
    public Petitions.PetitionPanelView? Petition { get; private set; }

    public Statement Statement { get; private set; } = null!;
    public IReadOnlyList<SignatoryLine> Signatories { get; private set; } = [];
    public IReadOnlyList<WithdrawalLine> Withdrawals { get; private set; } = [];
    public IReadOnlyList<StatementTag> Tags { get; private set; } = [];
    public IReadOnlyList<TranslationLink> Translations { get; private set; } = [];

    /// <summary>This is a translation and its original has changed since it was last brought up to date.</summary>
    public bool TranslationIsStale { get; private set; }

    /// <summary>schema.org description for search engines: a NewsArticle, or a CreativeWork for open letters. JSON-escaped, so safe inside the script element.</summary>
    public string JsonLd(string url, string description, string publisher, string author, string? image) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = Statement.Kind == StatementKind.OpenLetter ? "CreativeWork" : "NewsArticle",
            ["genre"] = Statement.Kind switch { StatementKind.OpenLetter => "open letter", StatementKind.PressRelease => "press release", _ => null },
            ["headline"] = Statement.Title,
            ["description"] = description,
            ["inLanguage"] = Statement.Language,
            ["url"] = url,
            ["image"] = image,
            ["keywords"] = Tags.Count > 0 ? string.Join(", ", Tags.Select(t => t.Name)) : null,
            ["datePublished"] = Statement.PublishedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["author"] = Statement.BylineOrganization is { } issuer
                ? new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = author, ["url"] = new Uri(new Uri(url), "/organizations/" + issuer.Slug).ToString() }
                : new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = author },
            // Where readers learn who may publish in the coalition's name (the source-transparency promise).
            ["publishingPrinciples"] = Statement.Kind == StatementKind.PressRelease ? new Uri(new Uri(url), "/editorial-policy").ToString() : null,
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = publisher },
        }.Where(p => p.Value is not null).ToDictionary());

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().Include(s => s.BylineOrganization)
            .FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Readable.Contains(s.Status), cancellationToken);
        if (statement is null)
        {
            return await StatementQueries.RedirectFromOldSlugAsync(db, slug, "", cancellationToken) is { } moved ? moved : NotFound();
        }

        if (statement.Status == StatementStatus.Withdrawn)
        {
            // Gone, and said so: links and search engines learn it was withdrawn, readers learn why.
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        Statement = statement;
        Signatories = await db.SignatoriesAsync(statement.Id, cancellationToken);
        Withdrawals = await db.WithdrawalsAsync(statement.Id, cancellationToken);
        Tags = await db.StatementTags.AsNoTracking().Where(t => t.StatementId == statement.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        Translations = await db.TranslationsAsync(statement, publicOnly: true, cancellationToken);
        if (statement.Status != StatementStatus.Withdrawn && await Petitions.PetitionService.SettingsAsync(db, statement, cancellationToken) is { } petition)
        {
            var form = new Petitions.SignFormView(statement, petition, new Petitions.SignInput(), new Dictionary<string, string>(), petition.ProofOfWork ? proofOfWork.NewChallenge() : null, proofOfWork.Bits);
            Petition = new(statement, petition, await stats.GetAsync(statement.Id), form, $"{Request.Scheme}://{Request.Host}/statements/{statement.Slug}", clock.GetUtcNow().UtcDateTime);
            HttpContext.Items[StatementPageParts.Item] = new StatementPageParts { StatementId = statement.Id, Figures = Petition.Figures, Challenge = form.Challenge, HasForm = true };
        }
        else
        {
            HttpContext.Items[StatementPageParts.Item] = new StatementPageParts { StatementId = statement.Id };
        }

        if (statement.TranslationOfId is { } sourceId)
        {
            var sourceRevision = await db.Statements.Where(s => s.Id == sourceId).Select(s => s.CurrentRevision).FirstOrDefaultAsync(cancellationToken);
            TranslationIsStale = sourceRevision > (statement.TranslatedFromRevision ?? 0);
        }

        return Page();
    }
}
