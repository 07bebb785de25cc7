using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Streams.Sinks.ClickHouse;

public static class ClickHouseSinkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>sink</c> role: Kafka topics into ClickHouse tables, options from
    /// <c>Sink</c> (<see cref="SinkOptions"/>). Needs <c>IKafkaEndpoint</c>,
    /// <c>ISchemaRegistryEndpoint</c> and <c>IClickHouseEndpoint</c> registered (the platform).
    /// Safe to call twice.
    /// </summary>
    public static IServiceCollection AddClickHouseSink(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SinkOptions>().Bind(configuration.GetSection(SinkOptions.SectionName));
        services.TryAddSingleton<ISinkDeserializerFactory, AvroWireDeserializerFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClickHouseSinkService>());
        return services;
    }
}
