using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Collectif.Features.Petitions;
using Collectif.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Statements;

/// <summary>Marks the page whose copies <see cref="StatementPageCache"/> keeps.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CachedWithVisitorPartsAttribute : Attribute;

/// <summary>What a rendered statement page tells the cache about itself.</summary>
public sealed class StatementPageParts
{
    public const string Item = "collectif.statement-page";

    /// <summary>The petition figures the page shows; a copy is used only while they are still the current ones.</summary>
    public int StatementId { get; init; }

    public PetitionFigures? Figures { get; init; }

    /// <summary>The sign form's proof-of-work puzzle, different for each visitor.</summary>
    public string? Challenge { get; init; }

    /// <summary>The page may have a form (an open petition), so an antiforgery token of the visitor's own.</summary>
    public bool HasForm { get; init; }
}

/// <summary>
/// The statement page — the one a shared link brings thousands of readers to, petition panel and
/// sign form included — kept in memory for visitors who are not signed in, with the parts that belong
/// to one visitor written afresh into each copy served: the sign form's antiforgery token (the
/// visitor's own, with its cookie, exactly as a render makes it) and its proof-of-work puzzle.
/// A copy is served while nothing public has changed through this instance
/// (<see cref="PublicContentChanges.Version"/>), while the petition figures it shows are still the
/// current ones (<see cref="PetitionStats"/> refreshes them every few seconds), and for at most
/// <see cref="MaxAge"/> by the application's clock, so a deadline passing shows within seconds (the
/// form's answer checks it anyway). Per host, scheme, language and address; the query string is
/// not part of the key because the page reads none.
/// </summary>
public sealed class StatementPageCache(
    PublicContentChanges changes, PetitionStats stats, IAntiforgery antiforgery, ProofOfWork proofOfWork, TimeProvider clock, IOptions<CollectifOptions> options)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    // Host names come from the request: a bound on copies keeps made-up ones from filling memory.
    private const int MaxCopies = 2000;

    private readonly ConcurrentDictionary<string, Copy> _copies = new();

    private sealed record Copy(string Html, int Status, string? ContentType, string? Token, string? Challenge, long Version, StatementPageParts Parts, DateTimeOffset MadeAt);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Applies(context))
        {
            await next(context);
            return;
        }

        var key = string.Join('\n', context.Request.Scheme, context.Request.Host.Value, CultureInfo.CurrentUICulture.Name, context.Request.Path.Value);
        if (_copies.TryGetValue(key, out var copy) && await IsCurrentAsync(copy))
        {
            await ServeAsync(context, copy);
            return;
        }

        var version = changes.Version; // read before rendering: a change during the render makes this copy stale
        var madeAt = clock.GetUtcNow();
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        buffer.Position = 0;
        if (Keep(context, buffer, version, madeAt) is { } kept)
        {
            if (_copies.Count >= MaxCopies)
            {
                _copies.Clear();
            }

            _copies[key] = kept;
        }

        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private bool Applies(HttpContext context) =>
        options.Value.PublicCacheSeconds > 0
        && HttpMethods.IsGet(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<CachedWithVisitorPartsAttribute>() is not null
        && context.User.Identity?.IsAuthenticated != true
        && !context.Request.Headers.ContainsKey("Authorization");

    private async Task<bool> IsCurrentAsync(Copy copy)
    {
        var age = clock.GetUtcNow() - copy.MadeAt;
        if (copy.Version != changes.Version || age < TimeSpan.Zero || age >= MaxAge || age.TotalSeconds >= options.Value.PublicCacheSeconds)
        {
            return false;
        }

        return copy.Parts.Figures is null || ReferenceEquals(await stats.GetAsync(copy.Parts.StatementId), copy.Parts.Figures);
    }

    private Copy? Keep(HttpContext context, MemoryStream buffer, long version, DateTimeOffset madeAt)
    {
        var response = context.Response;
        if (response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status410Gone)
            || context.Items[StatementPageParts.Item] is not StatementPageParts parts
            || response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true
            || buffer.Length > 1024 * 1024)
        {
            return null;
        }

        var html = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        string? token = null;
        if (parts.HasForm && html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
        {
            // The token the form was rendered with: antiforgery keeps one set per request.
            token = HtmlEncoder.Default.Encode(antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
            if (token.Length == 0 || !html.Contains(token, StringComparison.Ordinal))
            {
                return null;
            }
        }

        var challenge = parts.Challenge is null ? null : HtmlEncoder.Default.Encode(parts.Challenge);
        if (challenge is not null && !html.Contains(challenge, StringComparison.Ordinal))
        {
            return null;
        }

        return new Copy(html, response.StatusCode, response.ContentType, token, challenge, version, parts, madeAt);
    }

    private async Task ServeAsync(HttpContext context, Copy copy)
    {
        var html = copy.Html;
        if (copy.Token is not null)
        {
            // As a render does: the visitor's own token, its cookie if they have none yet, no caching by browsers or proxies.
            html = html.Replace(copy.Token, HtmlEncoder.Default.Encode(antiforgery.GetAndStoreTokens(context).RequestToken!), StringComparison.Ordinal);
        }

        if (copy.Challenge is not null)
        {
            html = html.Replace(copy.Challenge, HtmlEncoder.Default.Encode(proofOfWork.NewChallenge()), StringComparison.Ordinal);
        }

        context.Response.StatusCode = copy.Status;
        context.Response.ContentType = copy.ContentType;
        await context.Response.WriteAsync(html, context.RequestAborted);
    }
}
