using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Streams.Collectors.Publishing.Backoff;

public static class BackoffServiceCollectionExtensions
{
    /// <summary>
    /// Registers the one <see cref="ProcessorLagBackoff"/> of the process (bound to
    /// <c>Collectors:Backoff</c>) as its <see cref="IBackpressure"/> and as a hosted service; every
    /// collector role calls it, so it is safe to call more than once. Needs <c>IKafkaEndpoint</c>.
    /// An <see cref="IBackpressure"/> registered before wins, which is how tests put their own in its place.
    /// </summary>
    public static IServiceCollection TryAddProcessorLagBackoff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ProcessorLagBackoff)))
        {
            return services;
        }

        services.Configure<BackoffOptions>(configuration.GetSection(BackoffOptions.SectionName));
        services.AddSingleton<ProcessorLagBackoff>();
        services.TryAddSingleton<IBackpressure>(provider => provider.GetRequiredService<ProcessorLagBackoff>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ProcessorLagBackoff>());
        return services;
    }
}
