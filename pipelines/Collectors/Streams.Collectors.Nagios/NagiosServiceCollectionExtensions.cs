using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Nagios.Checks;
using Streams.Collectors.Nagios.Nrdp;
using Streams.Collectors.Publishing.Inbound;
using Streams.Platform.Security;
using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Nagios;

public static class NagiosServiceCollectionExtensions
{
    /// <summary>Key of the Nagios integration's <see cref="IInboundSink"/>.</summary>
    public const string SinkKey = "nagios";

    /// <summary>
    /// Registers the <c>nagios</c> role (the NRDP receiver that <see cref="NagiosEndpointRouteBuilderExtensions.MapNagiosNrdp"/>
    /// maps) bound to the <c>Nagios</c> section. Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddNagios(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<NagiosOptions>(configuration.GetSection(NagiosOptions.SectionName));
        services.PostConfigure<NagiosOptions>(o => o.TokenFile ??= Path.Combine(StreamsDataDirectory.Root(configuration), "nagios", "nrdp.token"));
        services.TryAddProcessorLagBackoff(configuration);
        services.TryAddInboundSink(
            SinkKey,
            provider => provider.GetRequiredService<IOptions<NagiosOptions>>().Value.Publishing,
            provider => provider.GetRequiredService<IOptions<NagiosOptions>>().Value.EventsPublishing);
        services.TryAddSingleton<CheckStateTracker>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<NagiosOptions>>().Value;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<NrdpReceiver>();
            return new NrdpReceiver(
                options,
                NrdpTokens.Resolve(options, logger),
                provider.GetRequiredKeyedService<IInboundSink>(SinkKey),
                provider.GetRequiredService<CheckStateTracker>(),
                logger);
        });
        services.AddHostedService<NagiosService>();
        return services;
    }
}
