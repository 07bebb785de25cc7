namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>One <c>prometheus.TimeSeries</c> of a write request: its labels (with <c>__name__</c>) and samples.</summary>
internal sealed record RemoteWriteSeries(KeyValuePair<string, string>[] Labels, RemoteWriteSample[] Samples);
