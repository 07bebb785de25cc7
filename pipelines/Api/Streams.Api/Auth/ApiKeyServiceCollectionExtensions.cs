using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Api.Auth;

public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Registers API-key authentication (the keys of the <c>api-keys</c> topic) and one
    /// authorization policy per role in <see cref="ApiRoles"/>, bound to the <c>Api</c> section.
    /// With <paramref name="writeFirstAdminKey"/>, a start that finds no admin key in the topic
    /// makes one and writes it to <c>&lt;Api:DataDir&gt;/admin.key</c>. The <c>api</c> role calls
    /// it; the host calls it too for the other routes it serves on the API port (platform,
    /// scorer), so they take the same keys in a process without the API. Resolves
    /// <c>IKafkaEndpoint</c>: register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration, bool writeFirstAdminKey = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StreamsApiOptions.SectionName);
        if (!services.Any(d => d.ServiceType == typeof(ApiKeyStore)))
        {
            services.AddOptions<StreamsApiOptions>().Bind(section);
            // Before the bootstrap and Kestrel: hosted services start in order, and both need the keys read.
            services.AddSingleton<ApiKeyStore>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ApiKeyStore>());
            services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
            var authorization = services.AddAuthorizationBuilder();
            foreach (var role in ApiRoles.All)
            {
                authorization.AddPolicy(role, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiRoles.AtLeast(role)));
            }
        }

        if (writeFirstAdminKey && (section.Get<StreamsApiOptions>() ?? new StreamsApiOptions()).Auth.Enabled)
        {
            // Added once however often asked (AddHostedService is TryAddEnumerable), always after the store.
            services.AddHostedService<AdminKeyBootstrap>();
        }

        return services;
    }
}
