using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streams.Platform.Security;

namespace Streams.Platform.Kafka;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Kafka cluster every stage uses: the embedded broker when
    /// <c>Kafka:BootstrapServers</c> is empty, the external cluster otherwise. Register it before
    /// any stage: hosted services start in registration order. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddKafka(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IKafkaEndpoint)))
        {
            return services;
        }

        services.Configure<KafkaOptions>(configuration.GetSection(KafkaOptions.SectionName));
        services.Configure<EmbeddedKafkaOptions>(configuration.GetSection(EmbeddedKafkaOptions.SectionName));
        // Unset means the default folder; an explicit empty value turns the journal off.
        services.PostConfigure<EmbeddedKafkaOptions>(o => o.JournalPath ??= EmbeddedKafkaOptions.DefaultJournalPath);
        var options = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
        if (options.IsEmbedded)
        {
            services.TryAddSingleton<EmbeddedKafkaService>();
            services.AddSingleton<IKafkaEndpoint>(sp => sp.GetRequiredService<EmbeddedKafkaService>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EmbeddedKafkaService>());
        }
        else
        {
            services.AddHttpClient(nameof(RemoteTopicCreator));
            services.PostConfigure<KafkaOptions>(o => o.PlatformApiKeyFile ??= StreamsDataDirectory.AdminKeyFile(configuration));
            services.TryAddSingleton<ExternalKafkaService>();
            services.AddSingleton<IKafkaEndpoint>(sp => sp.GetRequiredService<ExternalKafkaService>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ExternalKafkaService>());
        }

        return services;
    }
}
