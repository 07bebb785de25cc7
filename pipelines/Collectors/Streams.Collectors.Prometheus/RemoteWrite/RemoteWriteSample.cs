namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>A <c>prometheus.Sample</c>: value and timestamp in Unix milliseconds.</summary>
internal readonly record struct RemoteWriteSample(double Value, long TimestampMs);
