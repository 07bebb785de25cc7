using System.IO.Compression;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Data;
using Streams.Api.Live;
using Streams.Api.Preview;

namespace Streams.Api;

public static class StreamsApiServiceCollectionExtensions
{
    internal const string RateLimitPolicy = "streams-api";
    internal const string CorsPolicy = "streams-api";

    /// <summary>
    /// Registers the <c>api</c> role: the REST API and live WebSocket under <c>/api/</c> (map them
    /// with <see cref="StreamsApiEndpoints.MapStreamsApi"/>), bound to the <c>Api</c> section. It
    /// resolves <c>IKafkaEndpoint</c>, <c>ISchemaRegistryEndpoint</c> and <c>IClickHouseEndpoint</c>:
    /// register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ApiConfig)))
        {
            return services;
        }

        var settings = configuration.GetSection(StreamsApiOptions.SectionName).Get<StreamsApiOptions>() ?? new StreamsApiOptions();
        services.AddApiKeys(configuration);
        services.AddSingleton<ApiClickHouse>();
        services.AddSingleton<HostQueries>();
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<AnomalyQueries>();
        services.AddSingleton<MetricQueries>();
        services.AddSingleton<ChangeQueries>();
        services.AddSingleton<ForecastQueries>();
        services.AddSingleton<SqlRunner>();
        services.AddSingleton<SqlQueryGate>();
        services.AddSingleton<RulePreview>();
        services.AddSingleton<ApiConfig>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ApiConfig>());
        services.AddSingleton<LiveHub>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<LiveHub>());

        // The fleet's host list is 1.6 MB of JSON for 10,000 hosts every 15 s; Brotli or gzip makes
        // it ~50 KB. Plain HTTP only (the default): over HTTPS a compressed response that echoes
        // request text next to a secret leaks it (BREACH), and a TLS proxy can compress instead.
        services.AddResponseCompression(o => o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json"]);
        // Brotli's fastest level made that 92 KB, more than gzip's fastest (49 KB).
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.AddCors(o =>
        {
            if (settings.Cors.Origins.Count > 0)
            {
                o.AddPolicy(CorsPolicy, p => p.WithOrigins([.. settings.Cors.Origins]).AllowAnyHeader().AllowAnyMethod());
            }
        });
        services.AddRateLimiter(o =>
        {
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return new ValueTask(Results.Problem(
                    $"More than {settings.RateLimit.PermitLimit} requests in {settings.RateLimit.Window} with this key (Api:RateLimit).",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests").ExecuteAsync(context.HttpContext));
            };
            o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RateLimit.PermitLimit, Window = settings.RateLimit.Window, QueueLimit = 0 }));
        });

        services.AddProblemDetails();
        // Parameters that do not bind throw, so ApiErrorMiddleware can answer with a problem naming them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Streams API";
            document.Info.Description =
                "Real-time server monitoring: hosts, metrics, anomalies, alerts, rules, silences, notification preferences, models and a live WebSocket. " +
                "Authenticate with 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'; roles viewer (reads), operator (+ acknowledge, silences), admin (+ rules, preferences, keys). " +
                "Errors are RFC 7807 problem documents; lists are paged with page and pageSize (at most 500; /api/hosts up to 10,000, the whole fleet for the dashboard).";
            return Task.CompletedTask;
        }));
        return services;
    }
}
