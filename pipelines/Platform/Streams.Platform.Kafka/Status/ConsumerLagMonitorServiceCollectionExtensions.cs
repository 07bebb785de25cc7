using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Kafka.Status;

public static class ConsumerLagMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ConsumerLagMonitor"/> of <paramref name="groups"/>, read every
    /// <paramref name="interval"/> (5 s when null), as a singleton and a hosted service. Needs
    /// <see cref="IKafkaEndpoint"/>. Safe to call twice: the first call's groups are kept.
    /// </summary>
    public static IServiceCollection TryAddConsumerLagMonitor(this IServiceCollection services, IEnumerable<string> groups, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (services.Any(d => d.ServiceType == typeof(ConsumerLagMonitor)))
        {
            return services;
        }

        var named = groups.Distinct(StringComparer.Ordinal).ToList();
        services.TryAddSingleton(provider => new ConsumerLagMonitor(
            provider.GetRequiredService<IKafkaEndpoint>(), named, interval ?? TimeSpan.FromSeconds(5), provider.GetRequiredService<ILogger<ConsumerLagMonitor>>()));
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ConsumerLagMonitor>());
        return services;
    }
}
