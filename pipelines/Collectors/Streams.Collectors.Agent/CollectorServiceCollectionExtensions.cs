using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Agent;

public static class CollectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>collector</c> role (the host agent) bound to the <c>Collector</c> section.
    /// Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddCollector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<CollectorOptions>(configuration.GetSection(CollectorOptions.SectionName));
        services.TryAddProcessorLagBackoff(configuration);
        services.AddHostedService<CollectorService>();
        return services;
    }
}
