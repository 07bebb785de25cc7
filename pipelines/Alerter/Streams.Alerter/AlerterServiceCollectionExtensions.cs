using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Alerter;

public static class AlerterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>alerting</c> role (EvaluateAlerts on Streamiz, rules from the
    /// <c>alert-rules</c> topic), bound to the <c>Alerting</c> section. It resolves
    /// <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c>: register the platform first.
    /// Safe to call twice.
    /// </summary>
    public static IServiceCollection AddAlerter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(AlerterService)))
        {
            return services;
        }

        services.AddOptions<AlerterOptions>().Bind(configuration.GetSection(AlerterOptions.SectionName));
        services.AddSingleton<AlerterService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AlerterService>());
        return services;
    }
}
