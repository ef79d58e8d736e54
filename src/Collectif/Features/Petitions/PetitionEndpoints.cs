using System.Globalization;
using System.Text;
using Collectif.Data;
using Collectif.Features.Statements;
using Collectif.Web;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Petitions;

/// <summary>The live counter (JSON) and the streamed CSV export of a petition's signatures.</summary>
public static class PetitionEndpoints
{
    public static void MapPetitionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/petitions/{slug}/count", async (string slug, CollectifDb db, PetitionStats stats, HttpContext context, CancellationToken cancellationToken) =>
        {
            var statement = await db.Statements.AsNoTracking()
                .Where(s => s.Slug == slug && s.PublishedAt != null && StatementQueries.Readable.Contains(s.Status) && (s.Kind == StatementKind.Petition || s.Kind == StatementKind.CallToMobilize))
                .Select(s => new { s.Id }).FirstOrDefaultAsync(cancellationToken);
            if (statement is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No petition at this address.");
            }

            var goal = await db.Petitions.AsNoTracking().Where(p => p.StatementId == statement.Id).Select(p => p.Goal).FirstOrDefaultAsync(cancellationToken);
            var figures = await stats.GetAsync(statement.Id);
            context.Response.Headers.CacheControl = "public, max-age=3";
            return Results.Json(new { count = figures.Count, goal, updated = figures.ComputedAt });
        }).WithTags("Petitions").WithSummary("The live counter of a petition: count, goal, when it was computed (cached 3 seconds)");

        app.MapGet("/editor/statements/{slug}/petition/signatures.csv", ExportAsync).RequireAuthorization(AuthorizationPolicies.Editors);
    }

    /// <summary>
    /// Streams the signatures as CSV (UTF-8 with BOM for spreadsheet programs) as they are read, so
    /// 100,000 rows never sit in memory; the total goes in a header so the page can show progress.
    /// Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
    /// </summary>
    private static async Task ExportAsync(string slug, CollectifDb db, SignerKeys keys, Audit.AuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (statement is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var rows = db.PetitionSignatures.AsNoTracking().Where(s => s.StatementId == statement.Id).OrderBy(s => s.Id);
        var total = await rows.CountAsync(cancellationToken);
        audit.Record(Audit.AuditActions.SignaturesExported, $"statement:{statement.Slug}", $"{total} rows");
        await db.SaveChangesAsync(cancellationToken);

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{statement.Slug}-signatures.csv\"";
        context.Response.Headers["X-Total-Rows"] = total.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        // Names typed by the public must not become spreadsheet formulas ("=HYPERLINK(…)"), as in the audit export.
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape });
        foreach (var header in new[] { "id", "status", "first_name", "last_name", "email", "postcode", "country", "departement", "comment", "public", "coalition_opt_in", "organization_opt_in", "created_at", "confirmed_at", "ended_reason" })
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        static string Time(DateTime? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? "";
        var written = 0;
        await foreach (var s in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var field in new[]
            {
                s.Id.ToString(CultureInfo.InvariantCulture), s.Status.ToString(), s.FirstName, s.LastName, keys.Unprotect(s.ProtectedEmail), s.Postcode, s.Country,
                s.Departement, s.Comment, s.Public ? "yes" : "no", Time(s.CoalitionOptInAt), Time(s.OrganizationOptInAt), Time(s.CreatedAt), Time(s.ConfirmedAt), s.EndReason,
            })
            {
                csv.WriteField(field ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
            if (++written % 1000 == 0)
            {
                await csv.FlushAsync(cancellationToken); // let the download move
            }
        }
    }
}
