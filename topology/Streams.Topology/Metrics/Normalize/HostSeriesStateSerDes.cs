using Streams.Topology.State;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// 91 bytes per series, 4 more per remembered earlier reading (up to
/// <see cref="SeriesState.Remembered"/>, 64 B), plus its id (~85 B for a typical id), one value
/// per host: a 10,000-host fleet with 50 series each keeps ~55 MB, and up to 32 MB more for the
/// earlier readings, in as many store entries as it has hosts. Version 2 added the earlier
/// readings, version 3 the newest reading's predecessor; older entries (an upgrade's changelog)
/// are read without them.
/// </summary>
internal sealed class HostSeriesStateSerDes : BinarySerDes<HostSeriesState>
{
    protected override byte Version => 3;

    protected override void Write(BinaryWriter writer, HostSeriesState value)
    {
        writer.Write(value.Series.Count);
        foreach (var (id, series) in value.Series)
        {
            writer.Write(id);
            writer.Write(series.LastTimestamp);
            writer.Write(series.LastValue);
            writer.Write(series.LastRaw);
            writer.Write(series.IntervalMs);
            writer.Write(series.HundredScale);
            writer.Write(series.Stats.Count);
            writer.Write(series.Stats.Mean);
            writer.Write(series.Stats.Variance);
            writer.Write(series.Stats.Winsorised);
            writer.Write((byte)series.Earlier.Length);
            foreach (var earlier in series.Earlier)
            {
                writer.Write(earlier);
            }

            writer.Write(series.PreviousTimestamp);
            writer.Write(series.PreviousValue);
            writer.Write(series.PreviousIntervalMs);
        }
    }

    protected override HostSeriesState Read(BinaryReader reader) => Read(reader, Version);

    protected override HostSeriesState ReadOlder(byte version, BinaryReader reader) =>
        version is 1 or 2 ? Read(reader, version) : base.ReadOlder(version, reader);

    private static HostSeriesState Read(BinaryReader reader, byte version)
    {
        var count = reader.ReadInt32();
        var series = new Dictionary<string, SeriesState>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            var state = new SeriesState(
                reader.ReadInt64(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                reader.ReadBoolean(),
                new RobustStats(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64()));
            if (version >= 2)
            {
                state = state with { Earlier = ReadEarlier(reader) };
            }

            if (version >= 3)
            {
                state = state with { PreviousTimestamp = reader.ReadInt64(), PreviousValue = reader.ReadDouble(), PreviousIntervalMs = reader.ReadDouble() };
            }

            series[id] = state;
        }

        return new HostSeriesState(series);
    }

    private static uint[] ReadEarlier(BinaryReader reader)
    {
        var earlier = new uint[reader.ReadByte()];
        for (var i = 0; i < earlier.Length; i++)
        {
            earlier[i] = reader.ReadUInt32();
        }

        return earlier;
    }
}
