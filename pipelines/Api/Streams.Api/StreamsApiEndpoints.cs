using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Streams.Api.Auth;
using Streams.Api.Endpoints;
using Streams.Api.Http;

namespace Streams.Api;

public static class StreamsApiEndpoints
{
    /// <summary>WebSocket pings keep idle connections through proxies and find dead clients.</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds the API's middleware (problem documents, CORS, API-key authentication, rate limiting,
    /// WebSockets), maps <c>/api/*</c>, the OpenAPI document at <c>/openapi/v1.json</c>, its
    /// Scalar UI at <c>/scalar</c>, and the dashboard's static files from <c>wwwroot/</c> at
    /// <c>/</c> with index.html for any other path that is not a file. Call once, after
    /// <see cref="StreamsApiServiceCollectionExtensions.AddApi"/>.
    /// </summary>
    public static WebApplication MapStreamsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<StreamsApiOptions>>().Value;
        app.UseResponseCompression();
        app.UseMiddleware<ApiErrorMiddleware>();
        if (options.Cors.Origins.Count > 0)
        {
            app.UseCors(StreamsApiServiceCollectionExtensions.CorsPolicy);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = PingInterval });

        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var files = Directory.Exists(root) ? new PhysicalFileProvider(root) : null;
        if (files is not null)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOpenApi();
        app.MapScalarApiReference();

        var api = app.MapGroup("/api").RequireAuthorization(ApiRoles.Viewer).RequireRateLimiting(StreamsApiServiceCollectionExtensions.RateLimitPolicy);
        HostEndpoints.Map(api);
        AnomalyEndpoints.Map(api);
        AlertEndpoints.Map(api);
        SilenceEndpoints.Map(api);
        RuleEndpoints.Map(api);
        PreferenceEndpoints.Map(api);
        ModelEndpoints.Map(api);
        ChangeEndpoints.Map(api);
        ForecastEndpoints.Map(api);
        SqlEndpoints.Map(api);
        KeyEndpoints.Map(api);
        LiveEndpoints.Map(api);
        PipelineEndpoints.Map(api);
        // An unknown /api/ route is a 404 problem, never the dashboard's index.html.
        api.Map("/{**rest}", (string? rest) => ApiProblems.NotFound($"No API route /api/{rest}; see /openapi/v1.json.")).ExcludeFromDescription();

        if (files is not null)
        {
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        }

        return app;
    }
}
