using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions;

/// <summary>
/// /widget/{lang}/petitions/{slug} — the petition (summary, counter, form) in a frame on another
/// site. The only page other sites may frame (<c>Widget:FrameAncestors</c>). It needs no cookie:
/// browsers withhold our cookies inside another site's page, so the antiforgery check (cookie-bound)
/// is off here — a forged post could only do what anyone may do, sign with an address that must
/// then confirm by mail — while the honeypot, the optional puzzle and the abuse limits still apply.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class WidgetModel(CollectifDb db, PetitionService petitions, PetitionStats stats, ProofOfWork proofOfWork, IOptions<PetitionOptions> options) : PageModel
{
    [BindProperty]
    public SignInput Input { get; set; } = new();

    public Statement Statement { get; private set; } = null!;
    public Petition Petition { get; private set; } = null!;
    public PetitionFigures Figures { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public bool Sent { get; private set; }

    public SignFormView Form => new(Statement, Petition, Input, Errors, Petition.ProofOfWork ? proofOfWork.NewChallenge() : null, proofOfWork.Bits) { Page = "/Petitions/Widget" };

    public async Task<IActionResult> OnGetAsync(string slug, bool sent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } missing)
        {
            return missing;
        }

        Sent = sent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } missing)
        {
            return missing;
        }

        var result = await petitions.SignAsync(Statement, Petition, Input.ToForm(), HttpContext.Connection.RemoteIpAddress, Languages.Current, cancellationToken);
        if (result.Accepted)
        {
            return Redirect($"/widget/{Languages.Current}/petitions/{Statement.Slug}?sent=true");
        }

        Errors = result.Errors;
        Response.StatusCode = result.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        SecurityHeaders.AllowFraming(HttpContext, SecurityHeaders.ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors " + options.Value.WidgetFrameAncestors, StringComparison.Ordinal));
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Readable.Contains(s.Status), cancellationToken);
        if (statement is null || await PetitionService.SettingsAsync(db, statement, cancellationToken) is not { } petition)
        {
            return NotFound();
        }

        Statement = statement;
        Petition = petition;
        Figures = await stats.GetAsync(statement.Id);
        return null;
    }
}
