using Collectif.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Collectif.Features.Webhooks;

/// <summary>
/// Sends due deliveries: each is leased first (so two instances never send the same one at once),
/// posted with its signature, then marked delivered, or scheduled again with backoff, or given up
/// after <see cref="WebhookOptions.MaxAttempts"/>. Receivers drop duplicates by the event id.
/// </summary>
public sealed class WebhookSender(CollectifDb db, IHttpClientFactory http, IDataProtectionProvider protection, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static IDataProtector Secrets(IDataProtectionProvider protection) => protection.CreateProtector("Collectif.Webhooks.Secret");

    /// <summary>Sends what is due; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(20).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return attempted;
            }

            foreach (var id in due)
            {
                var claimed = await db.WebhookDeliveries
                    .Where(d => d.Id == id && d.DeliveredAt == null && d.FailedAt == null && (d.LeasedUntil == null || d.LeasedUntil < now))
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeasedUntil, now + Lease), cancellationToken);
                if (claimed == 1)
                {
                    await SendAsync(id, cancellationToken);
                    attempted++;
                }
            }
        }

        return attempted;
    }

    /// <summary>Deletes deliveries finished longer ago than <see cref="WebhookOptions.LogRetention"/>.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.Value.LogRetention;
        return db.WebhookDeliveries.Where(d => (d.DeliveredAt != null && d.DeliveredAt < before) || (d.FailedAt != null && d.FailedAt < before))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.Include(d => d.Webhook).SingleAsync(d => d.Id == id, cancellationToken);
        var hook = delivery.Webhook!;
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json") };
            var secrets = Secrets(protection);
            var signing = new List<string> { secrets.Unprotect(hook.ProtectedSecret) };
            if (hook.PreviousProtectedSecret is { } previous && hook.PreviousSecretUntil > clock.GetUtcNow().UtcDateTime)
            {
                signing.Add(secrets.Unprotect(previous));
            }

            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(signing, clock.GetUtcNow(), delivery.Payload));
            request.Headers.Add("Collectif-Event", delivery.Event);
            request.Headers.Add("Collectif-Event-Id", delivery.EventId);
            request.Headers.Add("Collectif-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.UserAgent.ParseAdd("Collectif-Webhooks/1");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {status} {response.ReasonPhrase}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.Timeout.TotalSeconds:0} seconds.";
        }
        catch (HttpRequestException exception)
        {
            error = exception.InnerException?.Message ?? exception.Message;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            error = "The webhook's secret cannot be read with this instance's keys; create the webhook again.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastStatusCode = status;
        delivery.LastError = error is { Length: > WebhookDelivery.ErrorMaxLength } ? error[..WebhookDelivery.ErrorMaxLength] : error;
        delivery.LeasedUntil = null;
        if (error is null)
        {
            delivery.DeliveredAt = now;
        }
        else if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.FailedAt = now;
            logger.LogWarning("Webhook {Webhook} gave up delivery {Delivery} after {Attempts} attempts: {Error}", hook.Id, delivery.Id, delivery.Attempts, error);
        }
        else
        {
            delivery.NextAttemptAt = now + WebhookOptions.Backoff(delivery.Attempts);
        }

        // Recorded even when the host is stopping: the receiver already has it.
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>Sends webhooks in the background: when signalled, and every poll interval.</summary>
public sealed class WebhookWorker(IServiceScopeFactory scopes, WebhookSignal signal, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookWorker> logger)
    : Collectif.Web.SignalledWorker(signal, logger)
{
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override bool Enabled => options.Value.RunWorker;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<WebhookSender>();
        await sender.SendDueAsync(stoppingToken);

        // The log is pruned hourly, not on every wake-up: a signature burst wakes the worker often.
        if (clock.GetUtcNow() - _prunedAt > TimeSpan.FromHours(1))
        {
            _prunedAt = clock.GetUtcNow();
            await sender.PruneAsync(stoppingToken);
        }

        return options.Value.PollInterval;
    }
}
