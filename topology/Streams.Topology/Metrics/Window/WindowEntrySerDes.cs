using Streams.Topology.State;

namespace Streams.Topology.Metrics.Window;

/// <summary>
/// Layout 2: the entry's earliest point time, then per series its id, metric, unit, late count and
/// points, each point as its time after that origin (7-bit varint, 2–3 bytes within a window), a
/// kind byte and the value. Layout 1, one series' points per value with absolute times (17 B a
/// point), is what earlier builds wrote; it is read as a <see cref="WindowEntry.PerSeries"/> entry.
/// </summary>
internal sealed class WindowEntrySerDes : BinarySerDes<WindowEntry>
{
    protected override byte Version => 2;

    protected override void Write(BinaryWriter writer, WindowEntry value)
    {
        if (value.PerSeries is not null)
        {
            throw new InvalidOperationException("WindowEntrySerDes: a layout-1 value is read to be migrated, never written back.");
        }

        var origin = value.Series.Values.SelectMany(s => s.Points.Keys).DefaultIfEmpty(0).Min();
        writer.Write(origin);
        writer.Write7BitEncodedInt(value.Series.Count);
        foreach (var (id, points) in value.Series)
        {
            writer.Write(id);
            writer.Write(points.Metric);
            writer.Write(points.Unit);
            writer.Write7BitEncodedInt(points.LateSamples);
            writer.Write7BitEncodedInt(points.Points.Count);
            foreach (var (timestamp, (v, kind)) in points.Points)
            {
                writer.Write7BitEncodedInt64(timestamp - origin);
                writer.Write((byte)kind);
                writer.Write(v);
            }
        }
    }

    protected override WindowEntry Read(BinaryReader reader)
    {
        var origin = reader.ReadInt64();
        var entry = new WindowEntry();
        var count = reader.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            var points = new SeriesPoints(reader.ReadString(), reader.ReadString()) { LateSamples = reader.Read7BitEncodedInt() };
            var pointCount = reader.Read7BitEncodedInt();
            for (var p = 0; p < pointCount; p++)
            {
                var timestamp = origin + reader.Read7BitEncodedInt64();
                var kind = (PointKind)reader.ReadByte();
                points.Points[timestamp] = (reader.ReadDouble(), kind);
            }

            entry.Series[id] = points;
        }

        return entry;
    }

    protected override WindowEntry ReadOlder(byte version, BinaryReader reader)
    {
        if (version != 1)
        {
            return base.ReadOlder(version, reader);
        }

        var points = new SeriesPoints(reader.ReadString(), reader.ReadString()) { LateSamples = reader.ReadInt32() };
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            points.Points[reader.ReadInt64()] = (reader.ReadDouble(), (PointKind)reader.ReadByte());
        }

        return new WindowEntry { PerSeries = points };
    }
}
