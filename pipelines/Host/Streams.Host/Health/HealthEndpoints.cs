using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streams.Host.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.SchemaRegistry;

namespace Streams.Host.Health;

/// <summary>
/// <c>/healthz</c> (the process is alive and none of its streams has failed) and <c>/readyz</c>
/// (that, and every endpoint it uses answers), as Kubernetes probes expect.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string LiveTag = "live";

    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddHttpClient(nameof(HttpEndpointHealthCheck));
        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<StreamsHealthCheck>("streams", tags: [LiveTag, ReadyTag])
            .AddCheck<KafkaHealthCheck>("kafka", tags: [ReadyTag])
            .Add(HttpCheck("schema-registry", "Schema Registry", sp => sp.GetRequiredService<ISchemaRegistryEndpoint>().Url, "/subjects"))
            .Add(HttpCheck("clickhouse", "ClickHouse", sp => sp.GetRequiredService<IClickHouseEndpoint>().Url, "/ping"));
        return services;
    }

    private static HealthCheckRegistration HttpCheck(string name, string what, Func<IServiceProvider, Uri> url, string path) =>
        new(name,
            sp => new HttpEndpointHealthCheck(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpEndpointHealthCheck)), what, () => url(sp), path),
            failureStatus: null,
            tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapStreamsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag), ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var roles = context.RequestServices.GetRequiredService<RunningRoles>();
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new HealthResponse(
            report.Status.ToString(),
            roles.Names,
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds))),
            HealthResponse.JsonOptions,
            context.RequestAborted);
    }
}
