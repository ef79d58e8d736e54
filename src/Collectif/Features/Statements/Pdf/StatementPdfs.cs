using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Collectif.Data;
using Collectif.Features.Coalitions;
using Microsoft.EntityFrameworkCore;

namespace Collectif.Features.Statements.Pdf;

/// <summary>
/// PDFs of public statements, generated once per content and kept in the database. The key covers
/// everything printed, so a new revision, signatory, byline, image or logo gives a new PDF, and
/// the old one is simply never asked for again (and pruned).
/// </summary>
public sealed class StatementPdfs(CollectifDb db, PdfRenderer renderer, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizerFactory localizers)
{
    // Bump when the layout changes, so cached PDFs are made again.
    private const string LayoutVersion = "2";

    public async Task<byte[]?> GetAsync(int statementId, CancellationToken cancellationToken)
    {
        var content = await LoadAsync(statementId, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var key = Key(content);
        var cached = await db.StatementPdfs.AsNoTracking().Where(p => p.StatementId == statementId && p.Key == key).Select(p => p.Content).FirstOrDefaultAsync(cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        var pdf = await renderer.RenderAsync(StatementPrint.Html(content), cancellationToken);
        await db.StatementPdfs.Where(p => p.StatementId == statementId).ExecuteDeleteAsync(cancellationToken);
        db.StatementPdfs.Add(new StatementPdf { StatementId = statementId, Key = key, Content = pdf, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests printed the same PDF at once; the other one's copy is as good.
            db.ChangeTracker.Clear();
        }

        return pdf;
    }

    private async Task<PrintContent?> LoadAsync(int statementId, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.AsNoTracking().Include(s => s.BylineOrganization).FirstOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var coalition = await db.Coalitions.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new Coalition { Acronym = "Collectif", NameFr = "Collectif", NameEn = "Collectif" };
        var logo = coalition.LogoContentType is null ? null : await db.CoalitionLogos.AsNoTracking().Select(l => l.Content).FirstOrDefaultAsync(cancellationToken);
        var image = statement.ImageContentType is null ? null : await db.StatementImages.AsNoTracking().Where(i => i.StatementId == statementId).Select(i => i.Content).FirstOrDefaultAsync(cancellationToken);
        var signatories = await db.SignatoriesAsync(statementId, cancellationToken);
        var tags = await db.StatementTags.AsNoTracking().Where(t => t.StatementId == statementId).Select(t => t.Name).ToListAsync(cancellationToken);
        var localizer = Web.FixedCultureLocalizer.For(localizers, statement.Language);
        return new PrintContent(statement, coalition, logo, image, signatories, tags, key => localizer[key]);
    }

    private static string Key(PrintContent content)
    {
        var s = content.Statement;
        var parts = new[]
        {
            LayoutVersion, s.Slug, StatementText.Of(s).Canonical, s.PublishedAt?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StatementFormat.Byline(s, content.Coalition), s.ImageUpdatedAt?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s.ImageAlt, s.ImageCaption, s.ImageCredit,
            content.Coalition.NameFr, content.Coalition.NameEn, content.Coalition.Acronym, content.Coalition.TimeZone,
            content.Coalition.LogoUpdatedAt?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join('\n', content.Signatories.Select(l => $"{SignatoryFormat.Line(l)}|{l.Kind}|{l.AddedAt?.Ticks}|{l.OrganizationKind}")),
            content.Coalition.GroupSignatoriesByKind.ToString(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p ?? "")))));
    }
}

/// <summary>Statements whose PDF should be printed ahead of the first download (on publication).</summary>
public sealed class PdfBacklog
{
    private readonly Channel<int> _channel = Channel.CreateBounded<int>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(int statementId) => _channel.Writer.TryWrite(statementId);

    public ChannelReader<int> Reader => _channel.Reader;
}

/// <summary>Prints queued PDFs in the background; a failure only means the first reader waits for it.</summary>
public sealed class PdfWorker(PdfBacklog queue, IServiceScopeFactory scopes, PdfRenderer renderer, ILogger<PdfWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var statementId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (!renderer.IsAvailable)
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<StatementPdfs>().GetAsync(statementId, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Printing the PDF of statement {StatementId} in advance failed; it will be printed on first download.", statementId);
            }
        }
    }
}
