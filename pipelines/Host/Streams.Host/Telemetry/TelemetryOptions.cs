namespace Streams.Host.Telemetry;

/// <summary>Where traces and metrics go, bound from <c>Telemetry</c>.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); empty exports nothing over OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve Prometheus' text exposition at <c>/metrics</c> on the API port.</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>
    /// Share of the traces that start here (a collector publishing a sample) that are recorded;
    /// a record that arrives with a trace follows its parent's decision, so a sampled sample is
    /// followed through every stage. 1 in 1,000 keeps a 10,000-server fleet's span rate low.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.001;
}
