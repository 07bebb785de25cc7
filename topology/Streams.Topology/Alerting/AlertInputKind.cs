namespace Streams.Topology.Alerting;

/// <summary>Which topic an alerting input came from; the first byte of the repartitioned value.</summary>
internal enum AlertInputKind : byte
{
    MetricWindow = 1,
    Anomaly = 2,
    LogWindow = 3,
    Forecast = 4,
}
