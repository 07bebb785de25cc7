using Streams.Training.Sources;

namespace Streams.Training.Tests;

public sealed class ClickHouseHistoryTests
{
    [Fact]
    public void Pivot_RowsPerSeriesPerWindow_OneVectorPerWindowWithGapsFilled()
    {
        (long, string, double)[] cells =
        [
            (10_000, "cpu", 0.5), (10_000, "mem", 2.0),
            (20_000, "cpu", 0.7),
            (30_000, "cpu", 0.6), (30_000, "mem", 4.0),
        ];

        var set = ClickHouseHistory.Pivot("web-01", cells);

        Assert.Equal(["cpu", "mem"], set.FeatureNames);
        Assert.Equal([0.5, 2.0, 0.7, 3.0, 0.6, 4.0], set.Rows);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(10_000), set.From);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(30_000), set.To);
    }

    [Fact]
    public void Pivot_NoWindows_ThrowsNamingTheHost()
    {
        var error = Assert.Throws<InvalidDataException>(() => ClickHouseHistory.Pivot("web-01", []));

        Assert.Contains("web-01", error.Message, StringComparison.Ordinal);
    }
}
