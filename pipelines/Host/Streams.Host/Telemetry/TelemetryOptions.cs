namespace Streams.Host.Telemetry;

/// <summary>Where traces and metrics go, bound from <c>Telemetry</c>.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); empty exports nothing over OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve Prometheus' text exposition at <c>/metrics</c> on the API port.</summary>
    public bool PrometheusEndpoint { get; set; } = true;
}
