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
            });
        }

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
        }

        await db.SaveChangesAsync(cancellationToken);

        var list = Read("signatories.txt");
        var members = await import.ApplyAsync(list, ImportTarget.Members, null, cancellationToken);
        var signatories = await import.ApplyAsync(list, ImportTarget.Statement, CommuniqueSlug, cancellationToken);
        await ApplyKindsAsync(cancellationToken);
        logger.LogInformation(
            "Demo data: {Created} organizations created, {Members} memberships and {Signatories} signatories added.",
            members.OrganizationsCreated, members.MembershipsAdded, signatories.SignatoriesAdded);
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

    internal static string Read(string name)
    {
        using var stream = typeof(SeedDemoData).Assembly.GetManifestResourceStream($"Collectif.Demo.Content.{name}")
            ?? throw new InvalidOperationException($"Demo content {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record DemoContent(DemoCoalition Coalition, List<DemoStatement> Statements);

    private sealed record DemoCoalition(string Acronym, string NameFr, string NameEn, string? DescriptionFr, string? DescriptionEn);

    private sealed record DemoStatement(
        string Slug, StatementKind Kind, string Language, string Title, string Body, DateTimeOffset PublishedAt,
        bool ExcerptOnly, string? Addressee, string? Place, DateOnly? LetterDate, string? Subject,
        string? Subtitle = null, string? Salutation = null, string? DatelineCity = null, string? DatelineCountry = null,
        string? MediaContacts = null, string? About = null, List<string>? Tags = null, string? TranslationOf = null);
}
