using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Collectors.Prometheus.Inbound;

namespace Streams.Collectors.Zabbix;

public static class ZabbixServiceCollectionExtensions
{
    /// <summary>Key of the Zabbix integration's <see cref="IInboundSink"/>.</summary>
    public const string SinkKey = "zabbix";

    /// <summary>
    /// Registers the <c>zabbix</c> role (the trapper listener, default 127.0.0.1:10051) bound to the
    /// <c>Zabbix</c> section. Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddZabbix(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ZabbixOptions>(configuration.GetSection(ZabbixOptions.SectionName));
        services.TryAddInboundSink(
            SinkKey,
            provider => provider.GetRequiredService<IOptions<ZabbixOptions>>().Value.Publishing,
            provider => provider.GetRequiredService<IOptions<ZabbixOptions>>().Value.EventsPublishing);
        services.AddHostedService<ZabbixService>();
        return services;
    }
}
