using io.streams.avro;

namespace Streams.Collectors.Replay;

/// <summary>How one column of a dataset file becomes a series.</summary>
internal sealed record ReplayColumn(string Metric, string Unit, MetricKind Kind, IDictionary<string, string> Tags);
