using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Scorer;

public static class ScorerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>scorer</c> role (ScoreWindows on Streamiz, models from the <c>models</c>
    /// topic), bound to the <c>Scorer</c> section. It resolves <c>IKafkaEndpoint</c> and
    /// <c>ISchemaRegistryEndpoint</c>: register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddScorer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ScorerService)))
        {
            return services;
        }

        services.AddOptions<ScorerOptions>().Bind(configuration.GetSection(ScorerOptions.SectionName));
        services.AddSingleton<ScorerService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ScorerService>());
        return services;
    }
}
