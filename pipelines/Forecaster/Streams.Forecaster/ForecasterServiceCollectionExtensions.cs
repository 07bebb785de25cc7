using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streams.Forecaster.Data;
using Streams.Forecaster.Publishing;

namespace Streams.Forecaster;

public static class ForecasterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>forecaster</c> role, bound to the <c>Forecaster</c> section. It resolves
    /// <c>IClickHouseEndpoint</c>, <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c>:
    /// register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddForecaster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ForecasterService)))
        {
            return services;
        }

        services.AddOptions<ForecasterOptions>().Bind(configuration.GetSection(ForecasterOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISeriesHistorySource, ClickHouseSeriesHistory>();
        services.TryAddSingleton<IForecastPublisher, KafkaForecastPublisher>();
        services.AddSingleton<ForecasterService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ForecasterService>());
        return services;
    }
}
