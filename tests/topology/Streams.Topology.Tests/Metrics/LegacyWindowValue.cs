namespace Streams.Topology.Tests.Metrics;

/// <summary>
/// A value of the open-window store as builds before per-host entries wrote it (layout 1, one
/// series' points per store entry): version byte, metric, unit, late count, then each point's
/// absolute time, value and kind.
/// </summary>
internal static class LegacyWindowValue
{
    public static byte[] Of(string metric, string unit, int late, params (long Timestamp, double Value, byte Kind)[] points)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write((byte)1);
            writer.Write(metric);
            writer.Write(unit);
            writer.Write(late);
            writer.Write(points.Length);
            foreach (var (timestamp, value, kind) in points)
            {
                writer.Write(timestamp);
                writer.Write(value);
                writer.Write(kind);
            }
        }

        return buffer.ToArray();
    }
}
