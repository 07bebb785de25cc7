using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Backoff;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Collectors.Publishing.Inbound;

public static class InboundServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KafkaInboundSink"/> as the keyed <see cref="IInboundSink"/> of one
    /// integration, built on first use (after the platform has started, so its endpoints resolve).
    /// An <see cref="IInboundSink"/> already registered under <paramref name="key"/> wins, which is
    /// how tests put an in-memory sink in its place. Its metric batches are held back while the
    /// process's <see cref="IBackpressure"/> says so (see <see cref="BackoffServiceCollectionExtensions.TryAddProcessorLagBackoff"/>).
    /// </summary>
    public static IServiceCollection TryAddInboundSink(
        this IServiceCollection services, string key, Func<IServiceProvider, PublishingOptions> metrics, Func<IServiceProvider, PublishingOptions?> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(events);
        services.TryAddKeyedSingleton<IInboundSink>(key, (provider, _) => new KafkaInboundSink(
            metrics(provider),
            events(provider),
            provider.GetRequiredService<IKafkaEndpoint>(),
            provider.GetRequiredService<ISchemaRegistryEndpoint>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Streams.Collectors." + key),
            provider.GetService<IBackpressure>()));
        return services;
    }
}
