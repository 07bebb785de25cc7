namespace Streams.Topology.Metrics.Window;

internal enum PointKind : byte
{
    Measured,
    ForwardFilled,
    Gap,
}
