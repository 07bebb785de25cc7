using io.streams.avro;

namespace Streams.Collectors.Simulator.Series;

/// <summary>One series a server reports: its metric name, unit, kind and fixed tags.</summary>
/// <param name="Metric">Dot-separated metric name, family first, as the host agent names it.</param>
/// <param name="Unit">Unit of the value (MetricSample.unit).</param>
/// <param name="Kind">Level or per-second rate.</param>
/// <param name="Tags">Series dimensions (device, interface, mountpoint); empty when none.</param>
/// <param name="SmdColumn">The Server Machine Dataset column this series corresponds to; null when SMD has none.</param>
public sealed record SeriesDefinition(
    string Metric,
    string Unit,
    MetricKind Kind,
    IReadOnlyDictionary<string, string> Tags,
    string? SmdColumn);
