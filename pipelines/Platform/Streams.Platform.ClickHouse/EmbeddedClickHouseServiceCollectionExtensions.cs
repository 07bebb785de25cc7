using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Streams.Platform.ClickHouse;

public static class EmbeddedClickHouseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ClickHouse every stage uses: the embedded endpoint when <c>ClickHouse:Url</c>
    /// is empty, the configured server otherwise; resolve <see cref="IClickHouseEndpoint"/> for
    /// its URL and driver connection string. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddClickHouse(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IClickHouseEndpoint)))
        {
            return services;
        }

        var options = configuration.GetSection(ClickHouseOptions.SectionName).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
        if (!options.IsEmbedded)
        {
            _ = new Uri(options.Url!, UriKind.Absolute);
            services.AddSingleton<IClickHouseEndpoint>(new ClickHouseEndpoint(options, null));
            return services;
        }

        services.AddEmbeddedClickHouse(configuration);
        services.AddSingleton<IClickHouseEndpoint>(sp => new ClickHouseEndpoint(options, sp.GetRequiredService<EmbeddedClickHouseAccessor>()));
        return services;
    }

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
