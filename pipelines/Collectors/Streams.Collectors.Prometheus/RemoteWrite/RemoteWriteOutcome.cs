namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>What became of one request: samples published, samples skipped, and the error when the whole request was refused.</summary>
internal readonly record struct RemoteWriteOutcome(int Accepted, int Skipped, string? Error);
