using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collectif.Features.Petitions;

/// <summary>What the sign form needs to draw itself: the petition's fields, what was typed and what was wrong.</summary>
public sealed record SignFormView(Statement Statement, Petition Petition, SignInput Values, IReadOnlyDictionary<string, string> Errors, string? Challenge, int Bits)
{
    /// <summary>Where the form posts: the sign page, or the embeddable widget.</summary>
    public string Page { get; init; } = "/Petitions/Sign";

    public Dictionary<string, string> Route => Page == "/Petitions/Sign" ? new() { ["slug"] = Statement.Slug } : new() { ["slug"] = Statement.Slug, ["lang"] = Web.Languages.Current };
}

/// <summary>A petition's counter: how many, out of which goal.</summary>
public sealed record PetitionCount(int Count, int? Goal);

/// <summary>The petition block of a statement page: counter, form, chart, breakdowns, recent signatories, share links.</summary>
public sealed record PetitionPanelView(Statement Statement, Petition Petition, PetitionFigures Figures, SignFormView Form, string Url, DateTime Now);

/// <summary>The form's fields as posted.</summary>
public sealed class SignInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Postcode { get; set; }
    public string? Country { get; set; }
    public string? Comment { get; set; }
    /// <summary>Off until the signer ticks it: appearing in public is their choice, not a default.</summary>
    public bool Public { get; set; }
    public bool CoalitionOptIn { get; set; }
    public bool OrganizationOptIn { get; set; }

    /// <summary>The honeypot: hidden from people, filled by robots.</summary>
    public string? Website { get; set; }

    public string? Work { get; set; }

    public SignForm ToForm() => new(FirstName, LastName, Email, Postcode, Country, Comment, Public, CoalitionOptIn, OrganizationOptIn, Website, Work);
}

/// <summary>
/// A page that shows a petition's sign form and takes its posts: the sign page and the widget.
/// Errors come back on the page with the typed values; success goes to <see cref="SentUrl"/>.
/// </summary>
public abstract class SignPageModel(CollectifDb db, PetitionService petitions, ProofOfWork proofOfWork) : PageModel
{
    [BindProperty]
    public SignInput Input { get; set; } = new();

    protected PetitionService Petitions => petitions;

    public Statement Statement { get; private set; } = null!;
    public Petition Petition { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; protected set; } = new Dictionary<string, string>();
    public bool Sent { get; protected set; }

    /// <summary>The page the form posts to.</summary>
    protected abstract string FormPage { get; }

    /// <summary>Where a signer goes once the confirmation mail is on its way.</summary>
    protected abstract string SentUrl { get; }

    public SignFormView Form => new(Statement, Petition, Input, Errors, Petition.ProofOfWork ? proofOfWork.NewChallenge() : null, proofOfWork.Bits) { Page = FormPage };

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
            return Redirect(SentUrl);
        }

        Errors = result.Errors;
        Response.StatusCode = result.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Anything else the page shows, once the petition is found.</summary>
    protected virtual Task LoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await PetitionService.FindPublicAsync(db, slug, cancellationToken) is not var (statement, petition))
        {
            return NotFound();
        }

        Statement = statement;
        Petition = petition;
        await LoadedAsync(cancellationToken);
        return null;
    }
}

/// <summary>
/// /petitions/{slug}/sign: the public signs (the statement page shows the same form), and asks for
/// a new confirmation link.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Web.RateLimits.SignatureIntake)]
public sealed class SignModel(CollectifDb db, PetitionService petitions, ProofOfWork proofOfWork) : SignPageModel(db, petitions, proofOfWork)
{
    protected override string FormPage => "/Petitions/Sign";

    protected override string SentUrl => $"/petitions/{Statement.Slug}/sign?sent=true";

    [BindProperty]
    public string? ResendEmail { get; set; }

    public bool Resent { get; private set; }

    public async Task<IActionResult> OnPostResendAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (EmailAddress.Normalize(ResendEmail) is null)
        {
            Errors = new Dictionary<string, string> { ["Resend"] = "Enter a valid e-mail address, such as name@example.org." };
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            await Petitions.ResendAsync(Statement, ResendEmail, cancellationToken);
            Resent = true;
        }

        Sent = true;
        return Page();
    }
}
