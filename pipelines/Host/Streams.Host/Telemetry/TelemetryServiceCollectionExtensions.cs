using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Streams.Host.Hosting;

namespace Streams.Host.Telemetry;

/// <summary>
/// OpenTelemetry for every role: the host's HTTP and runtime metrics plus every meter and
/// activity source named <c>Streams.*</c> (each stage names its own), exported to Prometheus
/// at <c>/metrics</c> and, when configured, to an OTLP collector.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string StreamsSources = "Streams.*";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<Role> roles)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        services.AddSingleton(options);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("streams", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId)
                .AddAttributes([new("streams.roles", string.Join(",", roles.Select(r => r.Name)))]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(StreamsSources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (options.PrometheusEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    .AddSource(StreamsSources).AddAspNetCoreInstrumentation(o => o.Filter = IsNotProbe).AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return services;
    }

    public static WebApplication MapStreamsTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TelemetryOptions>().PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    // Probes and scrapes arrive every few seconds; tracing them buries the traces that matter.
    private static bool IsNotProbe(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Request.Path.Value is not ("/healthz" or "/readyz" or "/metrics");
}
