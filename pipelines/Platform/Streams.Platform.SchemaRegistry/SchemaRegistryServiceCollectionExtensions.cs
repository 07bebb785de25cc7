using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.SchemaRegistry.Hosting;

namespace Streams.Platform.SchemaRegistry;

public static class SchemaRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Schema Registry every stage uses: the embedded one when
    /// <c>SchemaRegistry:Url</c> is empty, the configured one otherwise; resolve
    /// <see cref="ISchemaRegistryEndpoint"/> for its URL. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddSchemaRegistry(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, string> bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ISchemaRegistryEndpoint)))
        {
            return services;
        }

        var options = configuration.GetSection(SchemaRegistryOptions.SectionName).Get<SchemaRegistryOptions>() ?? new SchemaRegistryOptions();
        if (!options.IsEmbedded)
        {
            _ = new Uri(options.Url!, UriKind.Absolute);
            services.AddSingleton<ISchemaRegistryEndpoint>(new SchemaRegistryEndpoint(options, null));
            return services;
        }

        services.AddEmbeddedSchemaRegistry(configuration, bootstrapServers);
        services.AddSingleton<ISchemaRegistryEndpoint>(sp => new SchemaRegistryEndpoint(options, sp.GetRequiredService<EmbeddedSchemaRegistryAccessor>()));
        return services;
    }

    /// <summary>
    /// Runs the embedded Schema Registry with the host, bound to <c>SchemaRegistry:Embedded</c>.
    /// Register it after the embedded Kafka: hosted services start in registration order, and
    /// <paramref name="bootstrapServers"/> is asked only when the registry starts.
    /// <see cref="EmbeddedSchemaRegistryAccessor"/> gives the running instance.
    /// </summary>
    public static IServiceCollection AddEmbeddedSchemaRegistry(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, string> bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(bootstrapServers);

        services.AddOptions<EmbeddedSchemaRegistryOptions>().Bind(configuration.GetSection(EmbeddedSchemaRegistryOptions.SectionName));
        services.TryAddSingleton<EmbeddedSchemaRegistryAccessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddedSchemaRegistryHostedService>(provider =>
            new EmbeddedSchemaRegistryHostedService(
                provider.GetRequiredService<IOptions<EmbeddedSchemaRegistryOptions>>(),
                () => bootstrapServers(provider),
                provider.GetRequiredService<EmbeddedSchemaRegistryAccessor>(),
                provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)));
        return services;
    }
}
