using System.Globalization;
using System.Text;
using Collectif.Data;
using Collectif.Web;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Press;

/// <summary>What the press pages need besides pages: CSV export, live progress, the mail preview, one-click unsubscribe.</summary>
public static class PressEndpoints
{
    // The preview is the mail's own HTML: shown sandboxed (no script, no form, no navigation), in a frame of our pages only.
    private const string PreviewPolicy = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static void MapPressEndpoints(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/editor/press").RequireAuthorization(AuthorizationPolicies.Press);
        desk.MapGet("/contacts.csv", ExportAsync);
        desk.MapGet("/distributions/{id:int}/progress", async (int id, DistributionService distributions, CancellationToken cancellationToken) =>
            await distributions.ExistsAsync(id, cancellationToken) ? Results.Json(await distributions.ProgressAsync(id, cancellationToken)) : Results.NotFound());
        desk.MapGet("/releases/{slug}/preview.{language:regex(^(fr|en)$)}.html", PreviewAsync);

        // RFC 8058: mail clients POST here from the List-Unsubscribe header, with no cookie and no
        // form of ours, so there is no antiforgery token to check: the secret in the address is
        // the authorization, and the action only ever stops mail.
        app.MapPost("/press/unsubscribe/{token}/one-click", async (string token, DistributionService distributions, CancellationToken cancellationToken) =>
            await distributions.UnsubscribeAsync(token, cancellationToken) is null ? Results.NotFound() : Results.Ok())
            .DisableAntiforgery();
        app.MapGet("/press/unsubscribe/{token}/one-click", (string token) => Results.Redirect("/press/unsubscribe/" + Uri.EscapeDataString(token)));
    }

    private static async Task<IResult> PreviewAsync(string slug, string language, CollectifDb db, DistributionService distributions, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var release = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (release is null)
        {
            return Results.NotFound();
        }

        var versions = await distributions.VersionsAsync(release, cancellationToken);
        var version = versions.GetValueOrDefault(language) ?? (release.Language == language ? release : null);
        if (version is null)
        {
            return Results.NotFound();
        }

        var sendAt = DateTime.TryParse(context.Request.Query["at"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : clock.GetUtcNow().UtcDateTime;
        var mail = await distributions.RenderAsync(version, sendAt, cancellationToken);
        SecurityHeaders.Override(context, PreviewPolicy);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(mail.Html.Replace(Email.OutboxMessage.UnsubscribePlaceholder, "#", StringComparison.Ordinal), "text/html; charset=utf-8");
    }

    /// <summary>The contacts (of one list, or all) as CSV; cells a spreadsheet would run as formulas are neutralized.</summary>
    private static async Task ExportAsync(CollectifDb db, Audit.AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var query = db.PressContacts.AsNoTracking();
        if (int.TryParse(context.Request.Query["list"], CultureInfo.InvariantCulture, out var listId))
        {
            query = query.Where(c => c.Lists.Any(m => m.PressListId == listId));
        }

        audit.Record("press.contacts.exported", listId > 0 ? "list:" + listId.ToString(CultureInfo.InvariantCulture) : "all");
        await db.SaveChangesAsync(cancellationToken);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"press-contacts.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape });
        foreach (var header in new[] { "name", "email", "outlet", "role", "phone", "languages", "topics", "notes", "lists", "consent_basis", "consent_date", "unsubscribed_at", "bounced_at" })
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var rows = query.OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => new
        {
            c.Name,
            c.Email,
            Outlet = c.Outlet != null ? c.Outlet.Name : null,
            c.Role,
            c.Phone,
            c.Languages,
            c.Topics,
            c.Notes,
            Lists = c.Lists.Select(m => m.PressList!.Name).ToList(),
            c.ConsentBasis,
            c.ConsentDate,
            c.UnsubscribedAt,
            c.BouncedAt,
        });
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var field in new[]
            {
                c.Name, c.Email, c.Outlet, c.Role, c.Phone, c.Languages, c.Topics, c.Notes, string.Join(", ", c.Lists), c.ConsentBasis.ToString(),
                c.ConsentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.UnsubscribedAt?.ToString("O", CultureInfo.InvariantCulture), c.BouncedAt?.ToString("O", CultureInfo.InvariantCulture),
            })
            {
                csv.WriteField(field ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
        }
    }
}
