using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Streams.Notifier.Tests;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, free port) that records what it receives and answers as told.</summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private int calls;

    private HttpReceiver(WebApplication app) => this.app = app;

    /// <summary>Decides the answer to the n-th call (1-based); 200 by default.</summary>
    public Func<int, HttpStatusCode> Respond { get; set; } = _ => HttpStatusCode.OK;

    /// <summary>The <c>Location</c> header of every answer, for redirects.</summary>
    public Uri? Location { get; set; }

    /// <summary>How long the receiver sits on each request before answering.</summary>
    public TimeSpan Delay { get; set; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. received];

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived; throws after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{received.Count} of {count} requests arrived at {Url}");
            }

            await Task.Delay(10);
        }

        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray(), DateTimeOffset.UtcNow));
        var call = Interlocked.Increment(ref calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        context.Response.StatusCode = (int)Respond(call);
        if (Location is not null)
        {
            context.Response.Headers.Location = Location.AbsoluteUri;
        }
    }
}
