using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collectif.Tests.Features.Webhooks;

/// <summary>A real HTTP server on loopback that records what webhooks post to it, and can answer 500 to the first requests.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication _server;
    private readonly Channel<Received> _arrivals = Channel.CreateUnbounded<Received>();
    private int _failures;

    private WebhookReceiver(WebApplication server) => _server = server;

    public ConcurrentQueue<Received> All { get; } = new();

    public string Url(string path = "/hook") => _server.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    /// <summary>How many of the next requests get a 500.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var received = new Received(context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            receiver.All.Enqueue(received);
            await receiver._arrivals.Writer.WriteAsync(received);
            return Interlocked.Decrement(ref receiver._failures) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next request that matches, waiting at most 15 seconds (the worker is woken by a signal, not a timer).</summary>
    public async Task<Received> NextAsync(Func<Received, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var received = await _arrivals.Reader.ReadAsync(timeout.Token);
            if (where is null || where(received))
            {
                return received;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
