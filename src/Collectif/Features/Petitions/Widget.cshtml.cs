using Collectif.Data;
using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Petitions;

/// <summary>
/// /widget/{lang}/petitions/{slug} — the petition (summary, counter, form) in a frame on another
/// site. The only page other sites may frame (<c>Collectif:Petitions:WidgetFrameAncestors</c>). It needs no cookie:
/// browsers withhold our cookies inside another site's page, so the antiforgery check (cookie-bound)
/// is off here — a forged post could only do what anyone may do, sign with an address that must
/// then confirm by mail — while the honeypot, the optional puzzle and the abuse limits still apply.
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Web.RateLimits.SignatureIntake)]
public sealed class WidgetModel(CollectifDb db, PetitionService petitions, PetitionStats stats, ProofOfWork proofOfWork, IOptions<PetitionOptions> options)
    : SignPageModel(db, petitions, proofOfWork)
{
    public PetitionFigures Figures { get; private set; } = null!;

    protected override string FormPage => "/Petitions/Widget";

    protected override string SentUrl => $"/widget/{Languages.Current}/petitions/{Statement.Slug}?sent=true";

    protected override async Task LoadedAsync(CancellationToken cancellationToken)
    {
        SecurityHeaders.AllowFraming(HttpContext, SecurityHeaders.ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors " + options.Value.WidgetFrameAncestors, StringComparison.Ordinal));
        Figures = await stats.GetAsync(Statement.Id);
    }
}
