using System.Globalization;
using Collectif.Data;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Audit.Admin;

/// <summary>The audit log with filters, newest first, and the same selection as CSV.</summary>
public sealed class IndexModel(CollectifDb db) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public int Total { get; private set; }
    public string? Error { get; private set; }

    public string CsvUrl => Url.Page("/Audit/Admin/Index", "Csv", new { Action, Actor, from = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        if (!ModelState.IsValid || From > To)
        {
            Error = "The dates are not valid: the first must come before the second.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var query = Filtered();
        Total = await query.CountAsync(cancellationToken);
        Entries = await query.Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || From > To)
        {
            return BadRequest();
        }

        var entries = await Filtered().ToListAsync(cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Names typed by people must not become spreadsheet formulas ("=HYPERLINK(…)").
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            foreach (var header in new[] { "at", "who", "action", "subject", "details", "network" })
            {
                csv.WriteField(header);
            }

            await csv.EndRecordAsync(cancellationToken);
            foreach (var entry in entries)
            {
                csv.WriteField(entry.At.ToString("o", CultureInfo.InvariantCulture));
                csv.WriteField(entry.ActorEmail ?? "");
                csv.WriteField(entry.Action);
                csv.WriteField(entry.Subject ?? "");
                csv.WriteField(entry.Details ?? "");
                csv.WriteField(entry.Network ?? "");
                await csv.EndRecordAsync(cancellationToken);
            }
        }

        return File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "audit-log.csv");
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(Action))
        {
            query = query.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim().ToLowerInvariant();
            query = query.Where(e => e.ActorEmail != null && e.ActorEmail.Contains(actor));
        }

        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }

        return query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }
}
