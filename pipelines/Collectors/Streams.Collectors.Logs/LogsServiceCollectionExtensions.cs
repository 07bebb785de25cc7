using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Collectors.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>logs</c> role (file tailing and syslog receiver) bound to the <c>Logs</c>
    /// section. Needs <c>IKafkaEndpoint</c> and <c>ISchemaRegistryEndpoint</c> registered. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddLogShipper(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<LogsOptions>(configuration.GetSection(LogsOptions.SectionName));
        services.AddHostedService<LogShipperService>();
        return services;
    }
}
