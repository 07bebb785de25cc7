using io.streams.avro;

namespace Streams.Api.Preview;

/// <summary>One record replayed by a preview: a metric window, an anomaly or a forecast of a host, at its time (UTC ms); exactly one is set.</summary>
internal sealed record PreviewInput(long Time, string Host, MetricWindow? Window = null, Anomaly? Anomaly = null, Forecast? Forecast = null);
