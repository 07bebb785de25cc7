using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;

namespace Streams.Processor;

/// <summary>The <c>processor</c> role: runs <see cref="ProcessorTopology"/> with Streamiz until the host stops.</summary>
internal sealed class ProcessorService(
    IOptions<ProcessorOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers) : StreamizService(kafka, loggers)
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        await RunStreamAsync(settings, () => ProcessorTopology.Build(registryClient, settings), stoppingToken).ConfigureAwait(false);
    }
}
