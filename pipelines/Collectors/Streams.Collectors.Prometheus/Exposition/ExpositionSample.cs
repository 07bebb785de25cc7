using io.streams.avro;

namespace Streams.Collectors.Prometheus.Exposition;

/// <summary>One sample line of an exposition page: the series' name and labels (in page order), its value, its own timestamp if it had one, and the kind its family's TYPE gives.</summary>
internal readonly record struct ExpositionSample(string Name, KeyValuePair<string, string>[] Labels, double Value, long? TimestampMs, MetricKind Kind);
