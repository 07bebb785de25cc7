namespace Streams.Collectors.Prometheus.Mapping;

/// <summary>How a Prometheus series (a metric name and labels) becomes a Streams host, metric and tags.</summary>
public sealed class PrometheusMappingOptions
{
    /// <summary>Labels tried in order for the host; the first present and non-empty wins.</summary>
    public List<string> HostLabels { get; set; } = ["host", "instance"];

    /// <summary>Strip <c>:port</c> from the host value (Prometheus' <c>instance</c> is <c>host:port</c>).</summary>
    public bool StripPort { get; set; } = true;

    /// <summary>Host of a series that has none of <see cref="HostLabels"/>; empty refuses such series (dead letter).</summary>
    public string DefaultHost { get; set; } = "";

    /// <summary>Put in front of <c>__name__</c>, e.g. <c>prom.</c>; empty keeps Prometheus' name.</summary>
    public string MetricPrefix { get; set; } = "";

    /// <summary>Labels not kept as tags (the host label is never repeated as a tag).</summary>
    public List<string> DropLabels { get; set; } = [];

    internal void Validate()
    {
        if (HostLabels.Count == 0 && string.IsNullOrWhiteSpace(DefaultHost))
        {
            throw new InvalidOperationException("Prometheus:Mapping needs HostLabels or a DefaultHost.");
        }
    }
}
