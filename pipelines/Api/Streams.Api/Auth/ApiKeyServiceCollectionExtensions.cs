using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Api.Auth;

public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Registers API-key authentication (the keys of the <c>api-keys</c> topic, the first admin key
    /// written to <c>&lt;Api:DataDir&gt;/admin.key</c> when the topic has none) and one
    /// authorization policy per role in <see cref="ApiRoles"/>, bound to the <c>Api</c> section.
    /// The <c>api</c> role calls it; the host calls it too for the other routes it serves on the
    /// API port (platform, scorer), so they take the same keys in a process without the API.
    /// Resolves <c>IKafkaEndpoint</c>: register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddStreamsApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ApiKeyStore)))
        {
            return services;
        }

        var section = configuration.GetSection(StreamsApiOptions.SectionName);
        var settings = section.Get<StreamsApiOptions>() ?? new StreamsApiOptions();
        services.AddOptions<StreamsApiOptions>().Bind(section);

        // Before the bootstrap and Kestrel: hosted services start in order, and both need the keys read.
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ApiKeyStore>());
        if (settings.Auth.Enabled)
        {
            services.AddHostedService<AdminKeyBootstrap>();
        }

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in ApiRoles.All)
        {
            authorization.AddPolicy(role, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiRoles.AtLeast(role)));
        }

        return services;
    }
}
