using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Processor;

public static class ProcessorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>processor</c> role (NormalizeMetrics and WindowMetrics on Streamiz), bound
    /// to the <c>Processor</c> section. It resolves <c>IKafkaEndpoint</c> and
    /// <c>ISchemaRegistryEndpoint</c>: register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddProcessor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ProcessorService)))
        {
            return services;
        }

        services.AddOptions<ProcessorOptions>().Bind(configuration.GetSection(ProcessorOptions.SectionName));
        services.AddSingleton<ProcessorService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ProcessorService>());
        return services;
    }
}
