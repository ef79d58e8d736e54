using System.Text.Json;
using System.Text.Json.Serialization;
using Collectif.Data;
using Collectif.Features.Api;
using Collectif.Features.Audit;
using Collectif.Features.Mobilizations;
using Collectif.Features.Petitions;
using Collectif.Features.Statements;
using Collectif.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Collectif.Features.Osdi;

/// <summary>
/// The OSDI 1.x face of the API (<c>/api/osdi/v1</c>, HAL+JSON), so tools that speak OSDI — Action
/// Network's API among them — read petitions, signatures and events and record signatures without
/// code of their own. Same rules as the rest of the API: public things need no token, signers'
/// details need a 'petitions' token of an editor, a recorded signature waits for the signer's
/// e-mail confirmation. What does not map is said in docs/api.md.
/// </summary>
public static class OsdiApi
{
    public const string Base = "/api/osdi/v1";
    public const string ContentType = "application/hal+json";
    public const string Origin = "Collectif";
    public const string Namespace = "collectif";
    public const int MaxPageSize = 100;
    private const int DefaultPageSize = 25;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly HalLink[] Curies = [new("https://opensupporter.github.io/osdi-docs/{rel}.html", Templated: true, Name: "osdi")];

    public static void MapOsdiApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Base).WithTags("OSDI");
        group.MapGet("", EntryPoint)
            .WithSummary("OSDI API entry point: links to petitions and events")
            .Produces<OsdiEntryPoint>(StatusCodes.Status200OK, ContentType);
        group.MapGet("/petitions", PetitionsAsync)
            .WithSummary("OSDI petitions: public statements that take signatures, newest first")
            .WithDescription("page from 1, per_page up to 100; filter=modified_date gt '2026-03-01' (gt, ge, lt, le, eq; joined by and).")
            .Produces<OsdiPage<OsdiPetition>>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/petitions/{slug}", PetitionAsync)
            .WithSummary("One OSDI petition")
            .Produces<OsdiPetition>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/petitions/{slug}/signatures", SignaturesAsync)
            .WithSummary("OSDI signatures: confirmed signatures with the signer embedded as osdi:person, oldest first")
            .WithDescription("The token goes in Authorization: Bearer or in OSDI-API-Token. filter on modified_date (the confirmation time).")
            .RequireToken(ApiScopes.Petitions, AuthorizationPolicies.Editors)
            .RequireRateLimiting(RateLimits.ApiToken)
            .Produces<OsdiPage<OsdiSignature>>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/petitions/{slug}/signatures/{id:long}", SignatureAsync)
            .WithSummary("One confirmed OSDI signature")
            .RequireToken(ApiScopes.Petitions, AuthorizationPolicies.Editors)
            .RequireRateLimiting(RateLimits.ApiToken)
            .Produces<OsdiSignature>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/petitions/{slug}/record_signature_helper", RecordSignatureAsync)
            .WithSummary("OSDI record signature helper: sign for a person; a confirmation link is mailed to them")
            .WithDescription("Answers 202: the signature counts, and gets an identifier, once the signer follows the mailed link. Consent to hear from the coalition or the partner organization is given with collectif:coalition_opt_in and collectif:organization_opt_in, never inferred.")
            .Accepts<OsdiSignatureRequest>("application/json", ContentType)
            .Produces<OsdiSignatureAccepted>(StatusCodes.Status202Accepted, ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/events", EventsAsync)
            .WithSummary("OSDI events: each gathering of a published mobilization, soonest first")
            .WithDescription("page from 1, per_page up to 100; filter on modified_date (the mobilization's last change).")
            .Produces<OsdiPage<OsdiEvent>>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/events/{id:int}", EventAsync)
            .WithSummary("One OSDI event")
            .Produces<OsdiEvent>(StatusCodes.Status200OK, ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static JsonHttpResult<object> Hal(object value, int status = StatusCodes.Status200OK) => TypedResults.Json(value, Json, ContentType, status);

    private static Dictionary<string, object> Links(string self, params (string Rel, object Link)[] more)
    {
        var links = new Dictionary<string, object> { ["self"] = new HalLink(self) };
        foreach (var (rel, link) in more)
        {
            links[rel] = link;
        }

        return links;
    }

    private static JsonHttpResult<object> EntryPoint(PublicUrl publicUrl)
    {
        var root = publicUrl.Base + Base;
        return Hal(new OsdiEntryPoint(
            "Collectif: the coalition's petitions and mobilizations.", Origin, Origin, "1.0", MaxPageSize, Namespace,
            Links(root,
                ("curies", Curies),
                ("osdi:petitions", new HalLink(root + "/petitions", "The collection of petitions in the system")),
                ("osdi:events", new HalLink(root + "/events", "The collection of events in the system")),
                ("docs", new HalLink(publicUrl.Base + "/developers", "Documentation")))));
    }

    /// <summary>Self, next and previous page links and one link per resource, as OSDI collections carry them.</summary>
    private static OsdiPage<T> Collection<T>(HttpContext context, PublicUrl publicUrl, ApiPaging paging, int total, string rel, IReadOnlyList<T> items, Func<T, string> selfOf)
    {
        var links = new Dictionary<string, object>
        {
            ["self"] = new HalLink(publicUrl.Base + paging.PageUrl(context, paging.Page)),
            ["curies"] = Curies,
            [rel] = items.Select(i => new HalLink(selfOf(i))).ToList(),
        };
        if (paging.HasNext(total))
        {
            links["next"] = new HalLink(publicUrl.Base + paging.PageUrl(context, paging.Page + 1));
        }

        if (paging.Page > 1)
        {
            links["prev"] = new HalLink(publicUrl.Base + paging.PageUrl(context, paging.Page - 1));
        }

        return new OsdiPage<T>(paging.TotalPages(total), paging.PageSize, paging.Page, total, links, new Dictionary<string, IReadOnlyList<T>> { [rel] = items });
    }

    private static ProblemHttpResult? TryReadQuery(int? page, int? perPage, string? filter, out ApiPaging paging, out OsdiFilter conditions)
    {
        conditions = OsdiFilter.None;
        if (ApiPaging.TryRead(page, perPage, out paging, DefaultPageSize, MaxPageSize, "per_page") is { } badPaging)
        {
            return badPaging;
        }

        return OsdiFilter.TryParse(filter, out conditions, out var error) ? null : ApiProblems.BadRequest("Unsupported filter", error!);
    }

    // ---- Petitions ----

    private static readonly StatementKind[] PetitionKinds = [StatementKind.Petition, StatementKind.CallToMobilize];

    /// <summary>The last change a reader would see: a new revision, publication, archiving or withdrawal.</summary>
    private static DateTime Modified(Statement s, DateTime? revised) =>
        new[] { revised ?? s.CreatedAt, s.PublishedAt ?? s.CreatedAt, s.ArchivedAt ?? s.CreatedAt, s.WithdrawnAt ?? s.CreatedAt }.Max();

    private static async Task<IResult> PetitionsAsync(
        int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? perPage, string? filter,
        CollectifDb db, PetitionStats stats, TimeProvider clock, PublicUrl publicUrl, HttpContext context, CancellationToken cancellationToken)
    {
        if (TryReadQuery(page, perPage, filter, out var paging, out var conditions) is { } problem)
        {
            return problem;
        }

        // A coalition runs tens of petitions, not thousands: filter by modification in memory after one query.
        var rows = await db.Statements.AsNoTracking()
            .Where(s => PetitionKinds.Contains(s.Kind) && s.PublishedAt != null && StatementQueries.Listed.Contains(s.Status))
            .Select(s => new { Statement = s, Revised = db.StatementRevisions.Where(r => r.StatementId == s.Id && r.Number == s.CurrentRevision).Select(r => (DateTime?)r.CreatedAt).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var matching = rows.Select(r => (r.Statement, Modified: Modified(r.Statement, r.Revised)))
            .Where(r => conditions.Matches(r.Modified))
            .OrderByDescending(r => r.Statement.PublishedAt).ThenByDescending(r => r.Statement.Id).ToList();
        var onPage = matching.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var ids = onPage.Select(r => r.Statement.Id).ToList();
        var settings = await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.StatementId)).ToDictionaryAsync(p => p.StatementId, cancellationToken);
        var items = new List<OsdiPetition>();
        foreach (var (statement, modified) in onPage)
        {
            var petition = settings.GetValueOrDefault(statement.Id) ?? new Petition { StatementId = statement.Id };
            items.Add(PetitionResource(statement, petition, (await stats.GetAsync(statement.Id)).Count, modified, clock, publicUrl));
        }

        return Hal(Collection(context, publicUrl, paging, matching.Count, "osdi:petitions", items, p => ((HalLink)p.Links["self"]).Href));
    }

    private static async Task<IResult> PetitionAsync(string slug, CollectifDb db, PetitionStats stats, TimeProvider clock, PublicUrl publicUrl, CancellationToken cancellationToken)
    {
        if (await PetitionService.FindPublicAsync(db, slug, cancellationToken) is not var (statement, petition))
        {
            return PetitionNotFound(slug);
        }

        var revised = await db.StatementRevisions.Where(r => r.StatementId == statement.Id && r.Number == statement.CurrentRevision).Select(r => (DateTime?)r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return Hal(PetitionResource(statement, petition, (await stats.GetAsync(statement.Id)).Count, Modified(statement, revised), clock, publicUrl));
    }

    private static ProblemHttpResult PetitionNotFound(string slug) => ApiProblems.NotFound("Petition not found", $"No public petition has the identifier '{slug}'.");

    private static OsdiPetition PetitionResource(Statement statement, Petition petition, int count, DateTime modified, TimeProvider clock, PublicUrl publicUrl)
    {
        var self = $"{publicUrl.Base}{Base}/petitions/{statement.Slug}";
        return new OsdiPetition(
            [$"{Namespace}:{statement.Slug}"], Origin, statement.CreatedAt, modified, statement.Title, statement.Title,
            Markdown.ToHtml(statement.Body, statement.Language).ToString() ?? "",
            statement.Excerpt is { Length: > 0 } excerpt ? Markdown.Excerpt(excerpt) : Markdown.Excerpt(statement.Body),
            Markdown.PlainText(statement.Body),
            $"{publicUrl.Base}/statements/{statement.Slug}",
            statement.ImageContentType is null ? null : publicUrl.Base + StatementImageEndpoint.Url(statement),
            count,
            statement.Addressee is { Length: > 0 } addressee ? [new OsdiTarget(addressee)] : [],
            statement.Language, petition.Goal, petition.ClosesAt,
            PetitionService.AcceptsSignatures(statement) && !petition.IsClosed(clock.GetUtcNow().UtcDateTime),
            statement.CurrentContentHash,
            Links(self,
                ("osdi:signatures", new HalLink(self + "/signatures")),
                ("osdi:record_signature_helper", new HalLink(self + "/record_signature_helper")),
                ("collectif:statement", new HalLink($"{publicUrl.Base}/api/statements/{statement.Slug}")),
                ("collectif:ledger", new HalLink($"{publicUrl.Base}/statements/{statement.Slug}/ledger"))));
    }

    // ---- Signatures ----

    /// <summary>Any petition (drafts too, as for the CSV export) to an editor's token.</summary>
    private static async Task<Statement?> PetitionForEditorsAsync(CollectifDb db, string slug, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        return statement is not null && await PetitionService.SettingsAsync(db, statement, cancellationToken) is not null ? statement : null;
    }

    private static async Task<IResult> SignaturesAsync(
        string slug, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? perPage, string? filter,
        CollectifDb db, SignerKeys keys, AuditLog audit, PublicUrl publicUrl, HttpContext context, CancellationToken cancellationToken)
    {
        if (TryReadQuery(page, perPage, filter, out var paging, out var conditions) is { } problem)
        {
            return problem;
        }

        if (await PetitionForEditorsAsync(db, slug, cancellationToken) is not { } statement)
        {
            return ApiProblems.NotFound("Petition not found", $"No petition has the identifier '{slug}'.");
        }

        var confirmed = db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statement.Id && s.Status == SignatureStatus.Confirmed);
        confirmed = conditions.Apply(confirmed, s => s.ConfirmedAt);
        var total = await confirmed.CountAsync(cancellationToken);
        var rows = await confirmed.OrderBy(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        audit.Record(AuditActions.SignaturesExported, $"statement:{statement.Slug}", $"OSDI page {paging.Page}: {rows.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        var items = rows.Select(s => SignatureResource(statement, s, keys, publicUrl)).ToList();
        return Hal(Collection(context, publicUrl, paging, total, "osdi:signatures", items, s => ((HalLink)s.Links["self"]).Href));
    }

    private static async Task<IResult> SignatureAsync(string slug, long id, CollectifDb db, SignerKeys keys, AuditLog audit, PublicUrl publicUrl, CancellationToken cancellationToken)
    {
        if (await PetitionForEditorsAsync(db, slug, cancellationToken) is not { } statement)
        {
            return ApiProblems.NotFound("Petition not found", $"No petition has the identifier '{slug}'.");
        }

        var signature = await db.PetitionSignatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.StatementId == statement.Id && s.Status == SignatureStatus.Confirmed, cancellationToken);
        if (signature is null)
        {
            return ApiProblems.NotFound("Signature not found", $"Petition '{slug}' has no confirmed signature {id}.");
        }

        audit.Record(AuditActions.SignaturesExported, $"statement:{statement.Slug}", $"OSDI signature {id}");
        await db.SaveChangesAsync(cancellationToken);
        return Hal(SignatureResource(statement, signature, keys, publicUrl));
    }

    private static OsdiSignature SignatureResource(Statement statement, PetitionSignature s, SignerKeys keys, PublicUrl publicUrl)
    {
        var petition = $"{publicUrl.Base}{Base}/petitions/{statement.Slug}";
        var email = keys.Unprotect(s.ProtectedEmail);
        var person = new OsdiPerson(
            s.FirstName, s.LastName,
            email is null ? null : [new OsdiEmailAddress(email, Primary: true, Status: s.CoalitionOptInAt is null ? null : "subscribed")],
            s.Postcode is null && s.Country is null ? null : [new OsdiPostalAddress(s.Postcode, s.Country, Primary: true)],
            [s.Language]);
        return new OsdiSignature(
            [$"{Namespace}:{s.Id}"], Origin, s.CreatedAt, s.ConfirmedAt ?? s.CreatedAt, s.CreatedAt, s.Comment, s.Public,
            s.CoalitionOptInAt, s.OrganizationOptInAt, s.LedgerSequence,
            Links($"{petition}/signatures/{s.Id}", ("osdi:petition", new HalLink(petition))),
            new Dictionary<string, OsdiPerson> { ["osdi:person"] = person });
    }

    /// <summary>Field names of the form's errors, as OSDI names them.</summary>
    private static string OsdiField(string field) => field switch
    {
        "firstName" => "person.given_name",
        "lastName" => "person.family_name",
        "email" => "person.email_addresses",
        "postcode" => "person.postal_addresses.postal_code",
        "country" => "person.postal_addresses.country",
        "comment" => "comments",
        _ => field,
    };

    private static async Task<IResult> RecordSignatureAsync(
        string slug, OsdiSignatureRequest request, CollectifDb db, TimeProvider clock, PublicUrl publicUrl, HttpContext context, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await PetitionService.FindPublicAsync(db, slug, cancellationToken) is not var (statement, petition))
        {
            return PetitionNotFound(slug);
        }

        if (request.Person is not { } person)
        {
            return ApiProblems.BadRequest("No person", "The body needs a person with at least given_name, family_name and email_addresses.");
        }

        var email = person.EmailAddresses?.FirstOrDefault(e => e.Primary == true) ?? (person.EmailAddresses is [var firstEmail, ..] ? firstEmail : null);
        var postal = person.PostalAddresses?.FirstOrDefault(a => a.Primary == true) ?? (person.PostalAddresses is [var firstPostal, ..] ? firstPostal : null);

        // OSDI tools send any language the person speaks; one Collectif does not write in falls back to the request's.
        var language = person.LanguagesSpoken?.Select(l => l.Length >= 2 ? l[..2].ToLowerInvariant() : l).FirstOrDefault(Languages.Supported.Contains);
        var sign = new PetitionsApi.SignRequest(person.GivenName, person.FamilyName, email?.Address, postal?.PostalCode, postal?.Country, request.Comments,
            request.Public, request.CoalitionOptIn, request.OrganizationOptIn, language);
        if (await PetitionsApi.SubmitAsync(statement, petition, sign, context, cancellationToken) is { } refusal)
        {
            if (refusal.Invalid is { ProblemDetails: var invalid })
            {
                return TypedResults.ValidationProblem(invalid.Errors.ToDictionary(e => OsdiField(e.Key), e => e.Value), title: invalid.Title);
            }

            return refusal.Problem!;
        }

        var self = $"{publicUrl.Base}{Base}/petitions/{statement.Slug}";
        return Hal(new OsdiSignatureAccepted(Origin, clock.GetUtcNow().UtcDateTime, "confirmation-sent", PetitionsApi.Accepted(localizer),
            new Dictionary<string, object> { ["osdi:petition"] = new HalLink(self) }), StatusCodes.Status202Accepted);
    }

    // ---- Events ----

    /// <summary>OSDI knows confirmed, tentative and cancelled; the exact status is in collectif:status.</summary>
    public static string EventStatus(MobilizationStatus status) => status switch
    {
        MobilizationStatus.Declared or MobilizationStatus.Maintained or MobilizationStatus.BanSuspended or MobilizationStatus.Moved or MobilizationStatus.Held => "confirmed",
        MobilizationStatus.Cancelled => "cancelled",
        _ => "tentative", // announced, banned, appealed, postponed: whether it takes place is still open
    };

    private static async Task<IResult> EventsAsync(
        int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? perPage, string? filter,
        CollectifDb db, PublicUrl publicUrl, HttpContext context, CancellationToken cancellationToken)
    {
        if (TryReadQuery(page, perPage, filter, out var paging, out var conditions) is { } problem)
        {
            return problem;
        }

        // Mobilizations are a few hundred a year, each with a few gatherings: one query, then in memory.
        var mobilizations = await db.Mobilizations.AsNoTracking().Where(m => m.Published)
            .Include(m => m.Gatherings).ThenInclude(g => g.Turnout).AsSplitQuery().ToListAsync(cancellationToken);
        var events = mobilizations.Where(m => conditions.Matches(m.UpdatedAt))
            .SelectMany(m => m.Gatherings.Select(g => (Mobilization: m, Gathering: g)))
            .OrderBy(e => e.Gathering.StartsAt).ThenBy(e => e.Gathering.Id).ToList();
        var items = events.Skip(paging.Skip).Take(paging.PageSize).Select(e => EventResource(e.Mobilization, e.Gathering, publicUrl)).ToList();
        return Hal(Collection(context, publicUrl, paging, events.Count, "osdi:events", items, e => ((HalLink)e.Links["self"]).Href));
    }

    private static async Task<IResult> EventAsync(int id, CollectifDb db, PublicUrl publicUrl, CancellationToken cancellationToken)
    {
        var mobilization = await db.Mobilizations.AsNoTracking().Where(m => m.Published && m.Gatherings.Any(g => g.Id == id))
            .Include(m => m.Gatherings).ThenInclude(g => g.Turnout).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        return mobilization is null
            ? ApiProblems.NotFound("Event not found", $"No published gathering has the identifier {id}.")
            : Hal(EventResource(mobilization, mobilization.Gatherings.Single(g => g.Id == id), publicUrl));
    }

    private static OsdiEvent EventResource(Mobilization m, Gathering g, PublicUrl publicUrl)
    {
        // A day of action in several cities is one event per city; alone, a rally keeps its title.
        var title = m.Gatherings.Count > 1 ? $"{m.Title} — {g.City}" : m.Title;
        return new OsdiEvent(
            [$"{Namespace}:gathering-{g.Id}"], Origin, m.CreatedAt, m.UpdatedAt, title, title,
            Markdown.ToHtml(m.Description).ToString() ?? "", Markdown.Excerpt(m.Description),
            $"{publicUrl.Base}/mobilizations/{m.Slug}", "open", EventStatus(g.Status), g.StartsAt, g.EndsAt, AllDay: false, "public", "opaque",
            new OsdiLocation(g.PlaceName, g.Address is { Length: > 0 } address ? [address] : [], g.City,
                g.Latitude is { } latitude && g.Longitude is { } longitude ? new OsdiCoordinates(latitude, longitude) : null),
            g.Status.ToString(), m.Kind.ToString(), g.TimeZone, g.Route,
            g.Turnout.OrderBy(t => t.SourceKind).ThenBy(t => t.Id).Select(t => new OsdiTurnout(t.SourceKind.ToString(), t.SourceName, t.Low, t.High)).ToList(),
            Links($"{publicUrl.Base}{Base}/events/{g.Id}",
                ("collectif:mobilization", new HalLink($"{publicUrl.Base}/api/mobilizations/{m.Slug}")),
                ("collectif:calendar", new HalLink($"{publicUrl.Base}/mobilizations/{m.Slug}.ics"))));
    }
}
