using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.Platform.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.SchemaRegistry.Http;
using Streams.Platform.SchemaRegistry.Registry;
using Streams.Platform.SchemaRegistry.Storage;
using Streams.Schemas.Topics;

namespace Streams.Platform.SchemaRegistry;

/// <summary>
/// A Confluent-compatible Schema Registry (Avro only) served by this process over HTTP on
/// loopback, its schemas kept in the compacted <c>_schemas</c> topic in Confluent's layout.
/// The unmodified Confluent.SchemaRegistry client and Avro serdes work against <see cref="Url"/>.
/// </summary>
/// <remarks>
/// One instance writes a given topic: there is no leader election between registries, so run
/// one embedded registry per cluster (or point every client at the same one).
/// </remarks>
public sealed class EmbeddedSchemaRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SchemaRegistryService _registry;
    private readonly ISchemaStore _store;
    private int _disposed;

    private EmbeddedSchemaRegistry(WebApplication app, SchemaRegistryService registry, ISchemaStore store, Uri url)
    {
        _app = app;
        _registry = registry;
        _store = store;
        Url = url;
    }

    /// <summary>The base address for <c>schema.registry.url</c>, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public Uri Url { get; }

    /// <summary>Rebuilds the registry from the <c>_schemas</c> topic and starts serving.</summary>
    /// <exception cref="InvalidOperationException">The port is in use, or the topic is missing and cannot be created; the message says what to change.</exception>
    public static async Task<EmbeddedSchemaRegistry> StartAsync(
        EmbeddedSchemaRegistryOptions options,
        string bootstrapServers,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        loggerFactory ??= NullLoggerFactory.Instance;
        var store = await KafkaSchemaStore.OpenAsync(
            bootstrapServers, TopicCatalogue.Schemas, loggerFactory.CreateLogger<KafkaSchemaStore>(), cancellationToken);
        return await StartAsync(options, store, loggerFactory, cancellationToken);
    }

    /// <summary>Starts over any store; takes ownership of <paramref name="store"/>.</summary>
    internal static async Task<EmbeddedSchemaRegistry> StartAsync(
        EmbeddedSchemaRegistryOptions options,
        ISchemaStore store,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<EmbeddedSchemaRegistry>();
        var registry = new SchemaRegistryService(store, logger);
        WebApplication? app = null;
        try
        {
            await registry.LoadAsync(cancellationToken);
            app = Build(options, registry, loggerFactory, logger);
            await StartListeningAsync(app, options, cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var url = new Uri(address);
            logger.LogInformation("Schema registry listening on {Url}", url);
            return new EmbeddedSchemaRegistry(app, registry, store, url);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            registry.Dispose();
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _registry.Dispose();
        await _store.DisposeAsync();
    }

    private static WebApplication Build(EmbeddedSchemaRegistryOptions options, SchemaRegistryService registry, ILoggerFactory loggerFactory, ILogger logger)
    {
        if (!IPAddress.TryParse(options.Host, out var address))
        {
            throw new InvalidOperationException($"{EmbeddedSchemaRegistryOptions.SectionName}:Host '{options.Host}' is not an IP address.");
        }

        var builder = EmbeddedWebApplication.CreateBuilder(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });

        var app = builder.Build();
        app.Use((context, next) => RegistryHttp.HandleErrorsAsync(context, next, logger));
        app.UseRouting();
        RegistryEndpoints.Map(app, registry);
        return app;
    }

    private static async Task StartListeningAsync(WebApplication app, EmbeddedSchemaRegistryOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"Schema registry cannot listen on {options.Host}:{options.Port} ({e.Message}); set {EmbeddedSchemaRegistryOptions.SectionName}:Port to a free port, or 0 for any.", e);
        }
    }
}
