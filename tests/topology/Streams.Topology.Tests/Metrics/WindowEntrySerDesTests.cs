using Confluent.Kafka;
using Streams.Topology.Metrics.Window;

namespace Streams.Topology.Tests.Metrics;

public sealed class WindowEntrySerDesTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "metric-windows-10s-changelog");

    [Fact]
    public void Serialize_Entry_ReadsBackEverySeriesPointKindAndLateCount()
    {
        var entry = new WindowEntry();
        var cpu = new SeriesPoints("cpu.user", "ratio");
        cpu.Add(1_764_061_201_000, 0.25, PointKind.Measured, "ratio", late: false);
        cpu.Add(1_764_061_209_999, double.NaN, PointKind.Gap, "ratio", late: true);
        var disk = new SeriesPoints("disk.util", "percent");
        disk.Add(1_764_061_200_000, 71.5, PointKind.ForwardFilled, "ratio", late: false);
        entry.Series["cpu.user"] = cpu;
        entry.Series["disk.util{device=sda}"] = disk;
        var serdes = new WindowEntrySerDes();

        var read = serdes.Deserialize(serdes.Serialize(entry, Context), Context);

        Assert.Null(read.PerSeries);
        Assert.Equal(["cpu.user", "disk.util{device=sda}"], read.Series.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("cpu.user", "ratio", 1), (read.Series["cpu.user"].Metric, read.Series["cpu.user"].Unit, read.Series["cpu.user"].LateSamples));
        Assert.Equal(cpu.Points.OrderBy(p => p.Key), read.Series["cpu.user"].Points.OrderBy(p => p.Key));
        Assert.Equal(("disk.util", "ratio"), (read.Series["disk.util{device=sda}"].Metric, read.Series["disk.util{device=sda}"].Unit));
        Assert.Equal(disk.Points, read.Series["disk.util{device=sda}"].Points);
    }

    [Fact]
    public void Deserialize_LayoutOneOfEarlierBuilds_IsOneSeriesPointsToMigrate()
    {
        var read = new WindowEntrySerDes().Deserialize(LegacyWindowValue.Of("mem.used", "bytes", late: 2, (1_000, 7.5, 0), (2_000, 8.5, 1)), Context);

        Assert.Empty(read.Series);
        var points = Assert.IsType<SeriesPoints>(read.PerSeries);
        Assert.Equal(("mem.used", "bytes", 2), (points.Metric, points.Unit, points.LateSamples));
        Assert.Equal(new[] { (1_000L, (7.5, PointKind.Measured)), (2_000L, (8.5, PointKind.ForwardFilled)) }, points.Points.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void Deserialize_UnknownLayout_SaysWhichVersionItGotAndReads()
    {
        var error = Assert.Throws<InvalidDataException>(() => new WindowEntrySerDes().Deserialize([9, 0, 0], Context));

        Assert.Contains("layout version 9, this build reads 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_LayoutOneEntry_IsRefusedRatherThanWrittenBack()
    {
        var legacy = new WindowEntry { PerSeries = new SeriesPoints("cpu.user", "") };

        Assert.Throws<InvalidOperationException>(() => new WindowEntrySerDes().Serialize(legacy, Context));
    }
}
