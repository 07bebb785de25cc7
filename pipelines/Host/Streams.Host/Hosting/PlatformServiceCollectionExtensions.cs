using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Host.Hosting;

internal static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Kafka, Schema Registry and ClickHouse, in that start order (the registry stores its schemas
    /// in Kafka). Each is embedded unless its external endpoint is configured; a process without
    /// the platform role has every endpoint defaulted to this machine's embedded ports, so the
    /// same call connects it to a platform another process runs.
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKafka(configuration);
        services.AddSchemaRegistry(configuration, sp => sp.GetRequiredService<IKafkaEndpoint>().BootstrapServers);
        services.AddClickHouse(configuration);
        return services;
    }
}
