using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Platform.Kafka;

namespace Streams.Host.Hosting;

internal static class PlatformServiceCollectionExtensions
{
    /// <summary>The embedded platform: each part runs here unless its external endpoint is configured.</summary>
    public static IServiceCollection AddEmbeddedPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStreamsKafka(configuration);
        return services;
    }
}
