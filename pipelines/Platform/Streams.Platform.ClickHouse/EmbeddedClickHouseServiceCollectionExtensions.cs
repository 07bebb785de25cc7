using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Streams.Platform.ClickHouse;

public static class EmbeddedClickHouseServiceCollectionExtensions
{
    /// <summary>
    /// Runs the embedded ClickHouse for the lifetime of the host, configured from
    /// <c>ClickHouse:Embedded</c>; <see cref="EmbeddedClickHouseAccessor"/> gives its URL.
    /// Safe to call twice.
    /// </summary>
    public static IServiceCollection AddEmbeddedClickHouse(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmbeddedClickHouseOptions>().Bind(configuration.GetSection(EmbeddedClickHouseOptions.SectionName));
        services.TryAddSingleton<EmbeddedClickHouseAccessor>();
        services.AddHostedService<EmbeddedClickHouseHostedService>();
        return services;
    }
}
