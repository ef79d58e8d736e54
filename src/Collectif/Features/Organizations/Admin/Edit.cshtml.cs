using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Collectif.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Organizations.Admin;

/// <summary>Create (at /admin/organizations/new) or edit an organization of the registry.</summary>
public sealed partial class EditModel(CollectifDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, Audit.AuditLog audit) : PageModel
{
    public sealed class OrganizationForm
    {
        [Required(ErrorMessage = "Enter the organization's name.")]
        [StringLength(Organization.NameMaxLength, ErrorMessage = "The name is too long (at most {1} characters).")]
        public string Name { get; set; } = "";

        [StringLength(Organization.AcronymMaxLength, ErrorMessage = "The acronym is too long (at most {1} characters).")]
        public string? Acronym { get; set; }

        public OrganizationKind Kind { get; set; }

        [StringLength(500, ErrorMessage = "The website address is too long.")]
        public string? Website { get; set; }

        [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "The country is a two-letter code such as FR.")]
        public string? Country { get; set; }

        [StringLength(100, ErrorMessage = "The slug is too long (at most {1} characters).")]
        public string? Slug { get; set; }

        [StringLength(4000, ErrorMessage = "Too many other names.")]
        public string? Aliases { get; set; }

        [StringLength(2000, ErrorMessage = "Too many e-mail domains.")]
        public string? EmailDomains { get; set; }

        [StringLength(4000, ErrorMessage = "The description is too long (at most {1} characters).")]
        public string? Description { get; set; }

        public bool IsMember { get; set; }

        public DateOnly? MemberSince { get; set; }
    }

    [BindProperty]
    public OrganizationForm Form { get; set; } = new();

    [FromRoute]
    public string? Slug { get; set; }

    public bool IsNew => Slug is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
        {
            Form.IsMember = true;
            Form.MemberSince = Today;
            return Page();
        }

        var organization = await LoadAsync(cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        var current = CurrentMembership(organization);
        Form = new OrganizationForm
        {
            Name = organization.Name,
            Acronym = organization.Acronym,
            Kind = organization.Kind,
            Website = organization.Website,
            Country = organization.Country,
            Slug = organization.Slug,
            Aliases = string.Join('\n', organization.Aliases.Select(a => a.Name)),
            EmailDomains = string.Join('\n', organization.EmailDomains.Select(d => d.Domain)),
            Description = organization.Description,
            IsMember = current is not null,
            MemberSince = current?.JoinedOn,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organization = IsNew ? null : await LoadAsync(cancellationToken);
        if (!IsNew && organization is null)
        {
            return NotFound();
        }

        var name = Clean(Form.Name) ?? "";
        var acronym = Clean(Form.Acronym);
        var slug = string.IsNullOrWhiteSpace(Form.Slug) ? null : Form.Slug.Trim();
        var website = Clean(Form.Website);
        var aliases = Lines(Form.Aliases);
        var domains = Lines(Form.EmailDomains).Select(d => d.ToLowerInvariant().TrimStart('@')).Distinct().ToList();

        if (name.Length == 0)
        {
            ModelState.AddModelError("Form.Name", localizer["Enter the organization's name."]);
        }

        if (!Enum.IsDefined(Form.Kind))
        {
            ModelState.AddModelError("Form.Kind", localizer["Choose a kind of organization."]);
        }

        if (slug is not null && !SlugPattern().IsMatch(slug))
        {
            ModelState.AddModelError("Form.Slug", localizer["The slug may only contain lower-case letters, digits and single hyphens."]);
        }

        if (website is not null && (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            ModelState.AddModelError("Form.Website", localizer["The website must be a full address starting with https:// or http://."]);
        }

        foreach (var domain in domains.Where(d => !DomainPattern().IsMatch(d)))
        {
            ModelState.AddModelError("Form.EmailDomains", localizer["“{0}” is not an e-mail domain such as cgt.fr.", domain]);
        }

        if (aliases.Any(a => a.Length > Organization.NameMaxLength))
        {
            ModelState.AddModelError("Form.Aliases", localizer["Each other name is at most {0} characters.", Organization.NameMaxLength]);
        }

        if (Form.IsMember && Form.MemberSince is null)
        {
            ModelState.AddModelError("Form.MemberSince", localizer["Enter the date the organization joined."]);
        }

        var id = organization?.Id ?? 0;
        if (slug is not null && await db.Organizations.AnyAsync(o => o.Slug == slug && o.Id != id, cancellationToken))
        {
            ModelState.AddModelError("Form.Slug", localizer["Another organization already uses the slug “{0}”.", slug]);
        }

        foreach (var domain in domains)
        {
            if (await db.OrganizationDomains.AnyAsync(d => d.Domain == domain && d.OrganizationId != id, cancellationToken))
            {
                ModelState.AddModelError("Form.EmailDomains", localizer["The domain {0} already belongs to another organization.", domain]);
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (organization is null)
        {
            var taken = await db.Organizations.Select(o => o.Slug).ToListAsync(cancellationToken);
            organization = new Organization { Name = name, Slug = slug ?? new SlugAllocator(taken).Allocate(acronym, name), CreatedAt = now };
            db.Organizations.Add(organization);
        }

        organization.Name = name;
        organization.Acronym = acronym;
        organization.Kind = Form.Kind;
        organization.Website = website;
        organization.Country = Clean(Form.Country)?.ToUpperInvariant();
        organization.Description = Clean(Form.Description);
        organization.Slug = slug ?? organization.Slug;
        organization.UpdatedAt = now;

        organization.Aliases.RemoveAll(a => !aliases.Contains(a.Name));
        foreach (var alias in aliases.Where(a => organization.Aliases.All(existing => existing.Name != a)))
        {
            organization.Aliases.Add(new OrganizationAlias { Name = alias });
        }

        organization.EmailDomains.RemoveAll(d => !domains.Contains(d.Domain));
        foreach (var domain in domains.Where(d => organization.EmailDomains.All(existing => existing.Domain != d)))
        {
            // Entered by an administrator, who vouches for it.
            organization.EmailDomains.Add(new OrganizationDomain { Domain = domain, VerifiedAt = now });
        }

        UpdateMembership(organization);
        audit.Record(IsNew ? Audit.AuditActions.OrganizationCreated : Audit.AuditActions.OrganizationEdited, $"organization:{organization.Slug}", organization.Name);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/organizations/{organization.Slug}");
    }

    private void UpdateMembership(Organization organization)
    {
        var current = CurrentMembership(organization);
        if (Form.IsMember && current is null)
        {
            organization.Memberships.Add(new Membership { JoinedOn = Form.MemberSince ?? Today });
        }
        else if (Form.IsMember && current is not null && Form.MemberSince is { } since)
        {
            current.JoinedOn = since;
        }
        else if (!Form.IsMember && current is not null)
        {
            current.LeftOn = Today;
        }
    }

    private Membership? CurrentMembership(Organization organization) =>
        organization.Memberships.Where(m => m.JoinedOn <= Today && (m.LeftOn is null || m.LeftOn >= Today)).OrderByDescending(m => m.JoinedOn).FirstOrDefault();

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private Task<Organization?> LoadAsync(CancellationToken cancellationToken) =>
        db.Organizations.Include(o => o.Aliases).Include(o => o.EmailDomains).Include(o => o.Memberships)
            .FirstOrDefaultAsync(o => o.Slug == Slug && o.MergedIntoId == null, cancellationToken);

    private static string? Clean(string? text)
    {
        var cleaned = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => Clean(l)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
