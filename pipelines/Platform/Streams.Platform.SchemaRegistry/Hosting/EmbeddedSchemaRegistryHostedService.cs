using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Platform.SchemaRegistry.Hosting;

/// <summary>Starts the embedded registry with the host (after Kafka, which is registered first) and stops it with the host.</summary>
internal sealed class EmbeddedSchemaRegistryHostedService(
    IOptions<EmbeddedSchemaRegistryOptions> options,
    Func<string> bootstrapServers,
    EmbeddedSchemaRegistryAccessor accessor,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private EmbeddedSchemaRegistry? _registry;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _registry = await EmbeddedSchemaRegistry.StartAsync(options.Value, bootstrapServers(), loggerFactory, cancellationToken);
            accessor.Started(_registry);
        }
        catch (Exception e)
        {
            accessor.Failed(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _registry, null) is { } registry)
        {
            await registry.DisposeAsync();
        }
    }
}
