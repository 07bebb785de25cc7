using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// The admin's end: a Kestrel server on 127.0.0.1 (free port) that stamps each webhook on arrival,
/// before reading the body, and keeps the first arrival of a FIRING alert per host.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, long> firing = new(StringComparer.Ordinal);
    private int requests;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    public int Requests => Volatile.Read(ref requests);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>Stopwatch timestamp of the first FIRING webhook for <paramref name="host"/>, if one arrived.</summary>
    public bool TryGetArrival(string host, out long timestamp) => firing.TryGetValue(host, out timestamp);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref requests);
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (document.RootElement.TryGetProperty("alerts", out var alerts))
        {
            foreach (var alert in alerts.EnumerateArray())
            {
                if (alert.GetProperty("state").GetString() == "FIRING"
                    && alert.GetProperty("labels").TryGetProperty("host", out var host)
                    && host.GetString() is { } name)
                {
                    firing.TryAdd(name, arrived);
                }
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
