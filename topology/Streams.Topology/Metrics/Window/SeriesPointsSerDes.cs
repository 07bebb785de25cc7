using Streams.Topology.State;

namespace Streams.Topology.Metrics.Window;

/// <summary>17 bytes per point plus the names: a 10 s window of a 1 s series is ~200 B, a 1 min one ~1 KB.</summary>
internal sealed class SeriesPointsSerDes : BinarySerDes<SeriesPoints>
{
    protected override void Write(BinaryWriter writer, SeriesPoints value)
    {
        writer.Write(value.Metric);
        writer.Write(value.Unit);
        writer.Write(value.LateSamples);
        writer.Write(value.Points.Count);
        foreach (var (timestamp, (v, kind)) in value.Points)
        {
            writer.Write(timestamp);
            writer.Write(v);
            writer.Write((byte)kind);
        }
    }

    protected override SeriesPoints Read(BinaryReader reader)
    {
        var points = new SeriesPoints(reader.ReadString(), reader.ReadString()) { LateSamples = reader.ReadInt32() };
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            points.Points[reader.ReadInt64()] = (reader.ReadDouble(), (PointKind)reader.ReadByte());
        }

        return points;
    }
}
