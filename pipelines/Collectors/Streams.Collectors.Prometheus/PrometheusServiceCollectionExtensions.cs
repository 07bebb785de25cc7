using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.RemoteWrite;
using Streams.Platform.Security;
using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Prometheus;

public static class PrometheusServiceCollectionExtensions
{
    /// <summary>Key of the Prometheus integration's <see cref="IInboundSink"/>.</summary>
    public const string SinkKey = "prometheus";

    /// <summary>
    /// Registers the <c>prometheus</c> role (scraping, and the remote-write receiver that
    /// <see cref="PrometheusEndpointRouteBuilderExtensions.MapPrometheusRemoteWrite"/> maps) bound to
    /// the <c>Prometheus</c> section. Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddPrometheus(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<PrometheusOptions>(configuration.GetSection(PrometheusOptions.SectionName));
        services.PostConfigure<PrometheusOptions>(o => o.RemoteWriteTokenFile ??= Path.Combine(StreamsDataDirectory.Root(configuration), "prometheus", "remote-write.token"));
        services.TryAddKeyedSingleton(SinkKey, (provider, _) => BearerSecret.Load(
            provider.GetRequiredService<IOptions<PrometheusOptions>>().Value.RemoteWriteToken,
            provider.GetRequiredService<IOptions<PrometheusOptions>>().Value.RemoteWriteTokenFile,
            "Prometheus:RemoteWriteToken",
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<RemoteWriteReceiver>()));
        services.TryAddProcessorLagBackoff(configuration);
        services.TryAddInboundSink(SinkKey, provider => provider.GetRequiredService<IOptions<PrometheusOptions>>().Value.Publishing, _ => null);
        services.TryAddSingleton(provider => new RemoteWriteReceiver(
            provider.GetRequiredService<IOptions<PrometheusOptions>>().Value,
            provider.GetRequiredKeyedService<IInboundSink>(SinkKey),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<RemoteWriteReceiver>()));
        services.AddHostedService<PrometheusService>();
        return services;
    }
}
