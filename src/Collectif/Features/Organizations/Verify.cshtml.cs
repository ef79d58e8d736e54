using System.Text.RegularExpressions;
using Collectif.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Organizations;

/// <summary>Delegates of the organization (and administrators) prove who it is.</summary>
public sealed partial class VerifyModel(CollectifDb db, VerifyOrganization verify, IAuthorizationService authorization, UserManager<Accounts.Account> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Organization Organization { get; private set; } = null!;
    public IReadOnlyList<string> Domains { get; private set; } = [];
    public OrganizationVerification? DnsChallenge { get; private set; }
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Domain { get; set; }

    [BindProperty]
    public int ChallengeId { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostEmailAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var address = Address?.Trim().ToLowerInvariant() ?? "";
        if (address.Length > 254 || !EmailPattern().IsMatch(address))
        {
            return Show(localizer["Enter a valid e-mail address."], error: true);
        }

        var account = await users.GetUserAsync(User);
        var outcome = await verify.SendEmailAsync(Organization, address, account?.Id, $"{Request.Scheme}://{Request.Host}", cancellationToken);
        return outcome == VerifyOrganization.Outcome.Sent
            ? Show(localizer["A confirmation link was sent to {0}. It works for two days.", address])
            : Show(localizer["The address must be at one of the organization's domains: {0}.", string.Join(", ", Domains)], error: true);
    }

    public async Task<IActionResult> OnPostStartDnsAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var domain = Domain?.Trim().TrimEnd('.').ToLowerInvariant() ?? "";
        if (!DomainPattern().IsMatch(domain))
        {
            return Show(localizer["“{0}” is not a domain name such as example.org.", domain], error: true);
        }

        var account = await users.GetUserAsync(User);
        DnsChallenge = await verify.DnsChallengeAsync(Organization, domain, account?.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckDnsAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var outcome = await verify.CheckDnsAsync(Organization, ChallengeId, cancellationToken);
        DnsChallenge = await db.OrganizationVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.Id == ChallengeId && v.OrganizationId == Organization.Id && v.CompletedAt == null, cancellationToken);
        return outcome switch
        {
            VerifyOrganization.Outcome.Verified => Show(localizer["The record was found: the organization is verified."]),
            VerifyOrganization.Outcome.RecordMissing => Show(localizer["The record was not found yet. DNS changes can take an hour to appear; try again later."], error: true),
            VerifyOrganization.Outcome.LookupFailed => Show(localizer["The DNS lookup failed. Try again later."], error: true),
            _ => Show(localizer["This check is no longer open. Start again."], error: true),
        };
    }

    public async Task<IActionResult> OnPostVouchAsync(string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Web.AuthorizationPolicies.IsAdministrator(User))
        {
            return Forbid();
        }

        if (Justification is null || Justification.Trim().Length < 20 || Justification.Length > 2000)
        {
            return Show(localizer["Write a justification of 20 to 2,000 characters."], error: true);
        }

        await verify.VouchAsync(Organization, Justification, cancellationToken);
        return Show(localizer["The organization is verified."]);
    }

    /// <summary>Loads the organization and checks the person may act for it; returns the refusal, if any.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == slug && o.MergedIntoId == null, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, organization, ActForOrganization.Policy)).Succeeded)
        {
            return Forbid();
        }

        Organization = organization;
        Domains = await db.OrganizationDomains.Where(d => d.OrganizationId == organization.Id).Select(d => d.Domain).OrderBy(d => d).ToListAsync(cancellationToken);
        Domain ??= Uri.TryCreate(organization.Website, UriKind.Absolute, out var website) ? website.Host.Replace("www.", "", StringComparison.Ordinal) : (Domains.Count > 0 ? Domains[0] : null);
        return null;
    }

    private PageResult Show(string message, bool error = false)
    {
        Message = message;
        MessageIsError = error;
        if (error)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
