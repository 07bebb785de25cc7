using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Inbound;

namespace Streams.Collectors.Prometheus.Tests.Support;

/// <summary>A real Kestrel on 127.0.0.1 (free port) hosting one integration's endpoints with an in-memory sink.</summary>
public sealed class ReceiverHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverHost(WebApplication app, ListInboundSink sink, Uri url)
    {
        _app = app;
        Sink = sink;
        Url = url;
    }

    public ListInboundSink Sink { get; }

    public Uri Url { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ReceiverHost> StartAsync(
        string sinkKey,
        IDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> register,
        Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        var sink = new ListInboundSink();
        builder.Services.AddKeyedSingleton<IInboundSink>(sinkKey, sink);
        register(builder.Services, builder.Configuration);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReceiverHost(app, sink, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
