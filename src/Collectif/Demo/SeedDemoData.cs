using System.Text.Json;
using System.Text.Json.Serialization;
using Collectif.Data;
using Collectif.Features.Coalitions;
using Collectif.Features.Organizations;
using Collectif.Features.Statements;
using Collectif.Text;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Demo;

/// <summary>
/// Loads the demo coalition built from the seed documents: the CNPJDPI, its member organizations
/// (parsed from the seed's signatory list by the real importer), the communiqué and the "most
/// recent" texts. Idempotent: running it again adds nothing.
/// </summary>
public sealed class SeedDemoData(CollectifDb db, ImportSignatories import, TimeProvider clock, ILogger<SeedDemoData> logger)
{
    public const string CommuniqueSlug = "liberez-omar-alsoumi";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        var content = JsonSerializer.Deserialize<DemoContent>(Read("demo.json"), Json)
            ?? throw new InvalidOperationException("demo.json is empty.");
        var now = clock.GetUtcNow().UtcDateTime;

        var coalition = await db.Coalitions.FindAsync([Coalition.SingletonId], cancellationToken);
        if (coalition is null)
        {
            db.Coalitions.Add(new Coalition
            {
                Acronym = content.Coalition.Acronym,
                NameFr = content.Coalition.NameFr,
                NameEn = content.Coalition.NameEn,
                DescriptionFr = content.Coalition.DescriptionFr,
                DescriptionEn = content.Coalition.DescriptionEn,
                EditorialPolicyFr = content.Coalition.EditorialPolicyFr,
                EditorialPolicyEn = content.Coalition.EditorialPolicyEn,
            });
        }

        var issuer = content.Press is { } press ? await SeedPressIssuerAsync(press.Issuer, now, cancellationToken) : null;
        foreach (var item in content.Statements)
        {
            if (await db.Statements.AnyAsync(s => s.Slug == item.Slug, cancellationToken))
            {
                continue;
            }

            var statement = new Statement
            {
                Slug = item.Slug,
                Kind = item.Kind,
                Language = item.Language,
                Title = item.Title,
                Body = item.Body,
                Excerpt = item.ExcerptOnly ? item.Body : null,
                Addressee = item.Addressee,
                Place = item.Place,
                LetterDate = item.LetterDate,
                Subject = item.Subject,
                Subtitle = item.Subtitle,
                Salutation = item.Salutation,
                DatelineCity = item.DatelineCity,
                DatelineCountry = item.DatelineCountry,
                MediaContacts = item.MediaContacts,
                About = item.About,
                BylineOrganizationId = item.Byline is not null && issuer?.Name == item.Byline ? issuer.Id : null,
                PublishedAt = item.PublishedAt.UtcDateTime,
                CreatedAt = now,
                Tags = (item.Tags ?? []).Select(t => new StatementTag { Name = t, Slug = TextKey.Slug(t, StatementTag.MaxLength) }).ToList(),
            };
            statement.Revisions.Add(StatementRevision.Initial(statement, now));
            if (item.TranslationOf is { } original && await db.Statements.FirstOrDefaultAsync(s => s.Slug == original, cancellationToken) is { } source)
            {
                statement.TranslationOfId = source.Id;
                statement.TranslatedFromRevision = source.CurrentRevision;
            }

            db.Statements.Add(statement);
            await db.SaveChangesAsync(cancellationToken); // a translation finds its original saved
            if (item.Goal is { } goal)
            {
                db.Petitions.Add(new Features.Petitions.Petition { StatementId = statement.Id, Goal = goal });
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        await SeedRallyAsync(cancellationToken);
        if (content.Press is { } pressContent)
        {
            await SeedPressListsAsync(pressContent.Lists, now, cancellationToken);
        }

        var list = Read("signatories.txt");
        var members = await import.ApplyAsync(list, ImportTarget.Members, null, cancellationToken);
        var signatories = await import.ApplyAsync(list, ImportTarget.Statement, CommuniqueSlug, cancellationToken);
        await ApplyKindsAsync(cancellationToken);
        logger.LogInformation(
            "Demo data: {Created} organizations created, {Members} memberships and {Signatories} signatories added.",
            members.OrganizationsCreated, members.MembershipsAdded, signatories.SignatoriesAdded);
    }

    /// <summary>
    /// The seed news report's rally: Paris, 22 October 2023, around 30,000 people, held although the
    /// interior minister had banned pro-Palestine demonstrations nationwide earlier that month. The
    /// report gives neither the hour nor the place; the demo says so rather than invent them.
    /// </summary>
    private async Task SeedRallyAsync(CancellationToken cancellationToken)
    {
        const string slug = "paris-22-octobre-2023";
        if (await db.Mobilizations.AnyAsync(m => m.Slug == slug, cancellationToken))
        {
            return;
        }

        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTime At(int day, int hour) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2023, 10, day, hour, 0, 0, DateTimeKind.Unspecified), paris);
        var gathering = new Features.Mobilizations.Gathering
        {
            City = "Paris",
            StartsAt = At(22, 14),
            TimeZone = "Europe/Paris",
            Status = Features.Mobilizations.MobilizationStatus.Held,
            Turnout = [new Features.Mobilizations.TurnoutEstimate { SourceKind = Features.Mobilizations.TurnoutSource.Media, SourceName = "News report on the rally", Low = 30_000, At = At(23, 9) }],
        };
        var rally = new Features.Mobilizations.Mobilization
        {
            Slug = slug,
            Kind = Features.Mobilizations.MobilizationKind.March,
            Published = true,
            Title = "Marche pour un cessez-le-feu immédiat et une paix juste",
            Description = "Marche à Paris à l’appel du CNPJDPI pour un cessez-le-feu immédiat et la fin du massacre à Gaza, maintenue malgré l’interdiction nationale des manifestations de solidarité avec la Palestine. Le compte rendu ne précise ni l’heure ni le lieu de départ (l’heure indiquée ici est indicative).",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
            Sequence = 3,
            Gatherings = [gathering],
        };
        rally.StatusChanges.Add(new Features.Mobilizations.StatusChange { Status = Features.Mobilizations.MobilizationStatus.Announced, At = At(15, 12), Source = "Appel du CNPJDPI" });
        rally.StatusChanges.Add(new Features.Mobilizations.StatusChange { Status = Features.Mobilizations.MobilizationStatus.Banned, At = At(12, 12), Authority = "Ministre de l’Intérieur", Reason = "Interdiction nationale des manifestations de solidarité avec la Palestine", Source = "Compte rendu de presse" });
        rally.StatusChanges.Add(new Features.Mobilizations.StatusChange { Status = Features.Mobilizations.MobilizationStatus.Maintained, At = At(20, 12), Source = "CNPJDPI" });
        rally.StatusChanges.Add(new Features.Mobilizations.StatusChange { Status = Features.Mobilizations.MobilizationStatus.Held, At = At(22, 18), Source = "Compte rendu de presse : environ 30 000 personnes" });
        db.Mobilizations.Add(rally);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The guesser cannot know that PEPS is a party; the demo says so explicitly.</summary>
    private async Task ApplyKindsAsync(CancellationToken cancellationToken)
    {
        var kinds = JsonSerializer.Deserialize<Dictionary<string, OrganizationKind>>(Read("organization-kinds.json"), Json) ?? [];
        var byKey = kinds.ToDictionary(k => TextKey.Normalize(k.Key), k => k.Value);
        foreach (var organization in await db.Organizations.ToListAsync(cancellationToken))
        {
            if (byKey.TryGetValue(TextKey.Normalize(organization.Acronym), out var kind) || byKey.TryGetValue(TextKey.Normalize(organization.Name), out kind))
            {
                organization.Kind = kind;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The organization that issued the seed newswire release, verified so the demo can send it.</summary>
    private async Task<Organization> SeedPressIssuerAsync(DemoIssuer demo, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Organizations.FirstOrDefaultAsync(o => o.Name == demo.Name, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var organization = new Organization
        {
            Slug = TextKey.Slug(demo.Acronym),
            Name = demo.Name,
            Acronym = demo.Acronym,
            Kind = OrganizationKind.Association,
            Website = demo.Website,
            VerifiedAt = now,
            VerificationMethod = VerificationMethod.Administrator,
            VerificationEvidence = demo.Evidence,
            CreatedAt = now,
            UpdatedAt = now,
            EmailDomains = [new OrganizationDomain { Domain = demo.Domain, VerifiedAt = now }],
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    /// <summary>A small media list with example.org addresses, so a newcomer can try a send against a local SMTP server.</summary>
    private async Task SeedPressListsAsync(List<DemoPressList> lists, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var demoList in lists)
        {
            if (await db.PressLists.AnyAsync(l => l.Name == demoList.Name, cancellationToken))
            {
                continue;
            }

            var list = new Features.Press.PressList { Name = demoList.Name, Description = demoList.Description, CreatedAt = now };
            db.PressLists.Add(list);
            foreach (var demoContact in demoList.Contacts)
            {
                var key = Features.Press.ContactImporter.Key(demoContact.Email);
                var contact = await db.PressContacts.FirstOrDefaultAsync(c => c.EmailKey == key, cancellationToken);
                if (contact is null)
                {
                    contact = Features.Press.ContactImporter.NewContact(demoContact.Email, demoContact.Name, now);
                    contact.Role = demoContact.Role;
                    contact.Languages = demoContact.Languages;
                    contact.Topics = demoContact.Topics;
                    var outletKey = TextKey.Normalize(demoContact.Outlet);
                    contact.Outlet = await db.MediaOutlets.FirstOrDefaultAsync(o => o.NameKey == outletKey, cancellationToken)
                        ?? new Features.Press.MediaOutlet { Name = demoContact.Outlet, NameKey = outletKey };
                    db.PressContacts.Add(contact);
                }

                list.Members.Add(new Features.Press.PressListMember { PressList = list, PressContact = contact });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static string Read(string name)
    {
        using var stream = typeof(SeedDemoData).Assembly.GetManifestResourceStream($"Collectif.Demo.Content.{name}")
            ?? throw new InvalidOperationException($"Demo content {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record DemoContent(DemoCoalition Coalition, List<DemoStatement> Statements, DemoPress? Press = null);

    private sealed record DemoCoalition(string Acronym, string NameFr, string NameEn, string? DescriptionFr, string? DescriptionEn, string? EditorialPolicyFr = null, string? EditorialPolicyEn = null);

    private sealed record DemoPress(DemoIssuer Issuer, List<DemoPressList> Lists);

    private sealed record DemoIssuer(string Name, string Acronym, string Website, string Domain, string Evidence);

    private sealed record DemoPressList(string Name, string? Description, List<DemoPressContact> Contacts);

    private sealed record DemoPressContact(string Name, string Email, string Outlet, string? Role, string Languages, string? Topics);

    private sealed record DemoStatement(
        string Slug, StatementKind Kind, string Language, string Title, string Body, DateTimeOffset PublishedAt,
        bool ExcerptOnly, string? Addressee, string? Place, DateOnly? LetterDate, string? Subject,
        string? Subtitle = null, string? Salutation = null, string? DatelineCity = null, string? DatelineCountry = null,
        string? MediaContacts = null, string? About = null, List<string>? Tags = null, string? TranslationOf = null, int? Goal = null, string? Byline = null);
}
