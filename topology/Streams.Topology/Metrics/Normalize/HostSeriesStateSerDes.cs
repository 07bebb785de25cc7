using Streams.Topology.State;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// 66 bytes per series plus its id (~85 B for a typical id), one value per host: a 10,000-host
/// fleet with 50 series each keeps ~45 MB in as many store entries as it has hosts.
/// </summary>
internal sealed class HostSeriesStateSerDes : BinarySerDes<HostSeriesState>
{
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
        }
    }

    protected override HostSeriesState Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var series = new Dictionary<string, SeriesState>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            series[reader.ReadString()] = new SeriesState(
                reader.ReadInt64(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                reader.ReadDouble(),
                reader.ReadBoolean(),
                new RobustStats(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64()));
        }

        return new HostSeriesState(series);
    }
}
