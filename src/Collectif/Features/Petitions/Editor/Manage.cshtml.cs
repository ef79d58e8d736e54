using System.ComponentModel.DataAnnotations;
using Collectif.Data;
using Collectif.Features.Audit;
using Collectif.Features.Coalitions;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Petitions.Editor;

/// <summary>
/// /editor/statements/{slug}/petition: the secretariat sets the goal, closing date, fields,
/// partner organization, retention and anti-abuse mode; publishes the addressee's response;
/// reviews, invalidates (with a reason) and exports the signatures.
/// </summary>
public sealed class ManageModel(CollectifDb db, CurrentCoalition currentCoalition, PetitionService petitions, PetitionStats stats, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    public Statement Statement { get; private set; } = null!;
    public Petition Petition { get; private set; } = null!;
    public Coalition Coalition { get; private set; } = null!;
    public IReadOnlyList<PetitionSignature> Signatures { get; private set; } = [];
    public IReadOnlyDictionary<SignatureStatus, int> ByStatus { get; private set; } = new Dictionary<SignatureStatus, int>();
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<PetitionAlert> Alerts { get; private set; } = [];
    public int Matching { get; private set; }
    public string? Message { get; private set; }

    [BindProperty] public int? Goal { get; set; }
    [BindProperty] public DateTime? ClosesAt { get; set; }
    [BindProperty] public FieldRule PostcodeRule { get; set; }
    [BindProperty] public FieldRule CountryRule { get; set; }
    [BindProperty] public bool AllowComment { get; set; }
    [BindProperty] public int? PartnerOrganizationId { get; set; }
    [BindProperty, Range(1, 120)] public int RetentionMonths { get; set; } = Petition.DefaultRetentionMonths;
    [BindProperty] public bool ProofOfWork { get; set; }

    [BindProperty] public string? ResponseText { get; set; }
    [BindProperty] public string? ResponseFrom { get; set; }
    [BindProperty] public DateOnly? ResponseDate { get; set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<long> Selected { get; set; } = [];
    [BindProperty] public bool AllMatching { get; set; }

    // Filters of the signature list (query string).
    [BindProperty(SupportsGet = true)] public SignatureStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Network { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        Goal = Petition.Goal;
        ClosesAt = Petition.ClosesAt is { } closes ? DateTime.Parse(CurrentCoalition.LocalInput(closes, Coalition), System.Globalization.CultureInfo.InvariantCulture) : null;
        PostcodeRule = Petition.Postcode;
        CountryRule = Petition.Country;
        AllowComment = Petition.AllowComment;
        PartnerOrganizationId = Petition.PartnerOrganizationId;
        RetentionMonths = Petition.RetentionMonths;
        ProofOfWork = Petition.ProofOfWork;
        ResponseText = Petition.Response;
        ResponseFrom = Petition.ResponseFrom;
        ResponseDate = Petition.ResponseDate;
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Goal is <= 0 or > 100_000_000)
        {
            ModelState.AddModelError(nameof(Goal), localizer["The goal is a number of signatures between 1 and 100,000,000."]);
        }

        DateTime? closes = null;
        if (ClosesAt is { } local)
        {
            closes = CurrentCoalition.ToUtc(local, Coalition);
            if (closes is null)
            {
                ModelState.AddModelError(nameof(ClosesAt), localizer["This time does not exist in the coalition's time zone (clocks change); choose another."]);
            }
        }

        if (!Enum.IsDefined(PostcodeRule) || !Enum.IsDefined(CountryRule))
        {
            ModelState.AddModelError(nameof(PostcodeRule), localizer["Choose whether the form asks for this field."]);
        }

        if (PartnerOrganizationId is { } partner && !Organizations.Any(o => o.Id == partner))
        {
            ModelState.AddModelError(nameof(PartnerOrganizationId), localizer["Choose an organization from the list."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var petition = await TrackedAsync(cancellationToken);
        petition.Goal = Goal;
        petition.ClosesAt = closes;
        petition.Postcode = PostcodeRule;
        petition.Country = CountryRule;
        petition.AllowComment = AllowComment;
        petition.PartnerOrganizationId = PartnerOrganizationId;
        petition.RetentionMonths = RetentionMonths;
        petition.ProofOfWork = ProofOfWork;
        audit.Record(AuditActions.PetitionSettingsChanged, $"statement:{Statement.Slug}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{Statement.Slug}/petition?saved=settings");
    }

    public async Task<IActionResult> OnPostResponseAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (ResponseText is { Length: > 50_000 })
        {
            ModelState.AddModelError(nameof(ResponseText), localizer["The response is limited to 50,000 characters."]);
        }

        if (ResponseFrom is { Length: > 300 })
        {
            ModelState.AddModelError(nameof(ResponseFrom), localizer["At most 300 characters."]);
        }

        if (!string.IsNullOrWhiteSpace(ResponseText) && string.IsNullOrWhiteSpace(ResponseFrom))
        {
            ModelState.AddModelError(nameof(ResponseFrom), localizer["Say who responded."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var petition = await TrackedAsync(cancellationToken);
        petition.Response = string.IsNullOrWhiteSpace(ResponseText) ? null : ResponseText.Trim();
        petition.ResponseFrom = petition.Response is null ? null : ResponseFrom?.Trim();
        petition.ResponseDate = petition.Response is null ? null : ResponseDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditActions.PetitionSettingsChanged, $"statement:{Statement.Slug}", "response");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/editor/statements/{Statement.Slug}/petition?saved=response");
    }

    public async Task<IActionResult> OnPostInvalidateAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 500)
        {
            ModelState.AddModelError(nameof(Reason), localizer["Give the reason (at most 500 characters): it is kept in the log and the ledger shows the invalidation."]);
        }

        var ids = AllMatching ? await Filtered().Select(s => s.Id).ToListAsync(cancellationToken) : Selected.Distinct().ToList();
        if (ids.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Select the signatures to invalidate."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var count = await petitions.InvalidateAsync(Statement, ids, Reason!.Trim(), cancellationToken);
        stats.Forget(Statement.Id);
        return Redirect($"/editor/statements/{Statement.Slug}/petition?invalidated={count}");
    }

    public string? Saved => Request.Query["saved"].FirstOrDefault() switch
    {
        "settings" => localizer["Settings saved."].Value,
        "response" => localizer["Response saved."].Value,
        _ => int.TryParse(Request.Query["invalidated"].FirstOrDefault(), out var count) ? localizer["{0} signature(s) invalidated.", count].Value : null,
    };

    private IQueryable<PetitionSignature> Filtered()
    {
        var query = db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == Statement.Id);
        if (Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Domain))
        {
            var domain = Domain.Trim().ToLowerInvariant();
            query = query.Where(s => s.EmailDomain == domain);
        }

        if (!string.IsNullOrWhiteSpace(Network))
        {
            var network = Network.Trim();
            query = query.Where(s => s.NetworkPrefix == network);
        }

        return query;
    }

    private async Task<Petition> TrackedAsync(CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.StatementId == Statement.Id, cancellationToken);
        if (petition is null)
        {
            petition = new Petition { StatementId = Statement.Id };
            db.Petitions.Add(petition);
        }

        return petition;
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null || await PetitionService.SettingsAsync(db, statement, cancellationToken) is not { } petition)
        {
            return false;
        }

        Statement = statement;
        Petition = petition;
        Coalition = await currentCoalition.GetAsync(cancellationToken);
        Organizations = await db.Organizations.AsNoTracking().Where(o => o.MergedIntoId == null).OrderBy(o => o.SortKey).ToListAsync(cancellationToken);
        ByStatus = await db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statement.Id).GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var filtered = Filtered();
        Matching = await filtered.CountAsync(cancellationToken);
        Signatures = await filtered.OrderByDescending(s => s.Id).Take(PageSize).ToListAsync(cancellationToken);
        Alerts = await db.PetitionAlerts.AsNoTracking().Where(a => a.StatementId == statement.Id).OrderByDescending(a => a.RaisedAt).Take(20).ToListAsync(cancellationToken);
        return true;
    }
}
