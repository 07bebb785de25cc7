using io.streams.avro;

namespace Streams.Api.Preview;

/// <summary>One record replayed by a preview: a metric window or an anomaly of a host, at its time (UTC ms).</summary>
internal sealed record PreviewInput(long Time, string Host, MetricWindow? Window, Anomaly? Anomaly);
