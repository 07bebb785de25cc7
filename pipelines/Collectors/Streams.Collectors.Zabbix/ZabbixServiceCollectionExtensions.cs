using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Zabbix.MediaType;
using Streams.Platform.Security;
using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Zabbix;

public static class ZabbixServiceCollectionExtensions
{
    /// <summary>Key of the Zabbix integration's <see cref="IInboundSink"/>.</summary>
    public const string SinkKey = "zabbix";

    /// <summary>
    /// Registers the <c>zabbix</c> role (the trapper listener, default 127.0.0.1:10051, and the
    /// webhook's secret for <see cref="ZabbixEndpointRouteBuilderExtensions.MapZabbixEvents"/>) bound to the
    /// <c>Zabbix</c> section. Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddZabbix(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ZabbixOptions>(configuration.GetSection(ZabbixOptions.SectionName));
        services.PostConfigure<ZabbixOptions>(o => o.WebhookTokenFile ??= Path.Combine(StreamsDataDirectory.Root(configuration), "zabbix", "webhook.token"));
        services.TryAddSingleton<ZabbixWebhookSecret>();
        services.TryAddProcessorLagBackoff(configuration);
        services.TryAddInboundSink(
            SinkKey,
            provider => provider.GetRequiredService<IOptions<ZabbixOptions>>().Value.Publishing,
            provider => provider.GetRequiredService<IOptions<ZabbixOptions>>().Value.EventsPublishing);
        services.AddHostedService<ZabbixService>();
        return services;
    }
}
