using Streams.Api.Capacity;
using Streams.Api.Contracts;

namespace Streams.Api.Tests;

/// <summary>The headroom aggregation alone, on items made here: medians, the never-reached series, what has no share.</summary>
public sealed class HeadroomTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Aggregate_MostNeverReach_MedianExhaustionIsBeyondTheHorizon()
    {
        var report = Headroom.Aggregate([Item("a", 0.5, 1), Item("b", 0.6, null), Item("c", 0.7, null)], "role", Now);

        var group = Assert.Single(report.Groups);
        Assert.Null(group.MedianExhaustion);
        Assert.Equal(0.4, group.MedianHeadroom!.Value, 9);
        Assert.Equal((3, 3, 1, 1), (group.Series, group.Hosts, group.ExhaustWithin24h, group.ExhaustWithin7d));
    }

    [Fact]
    public void Aggregate_EvenCount_MedianExhaustionIsTheEarlierMiddleAndHeadroomTheMean()
    {
        var report = Headroom.Aggregate([Item("a", 0.9, 30), Item("a", 0.5, null), Item("b", 0.8, 200), Item("b", 0.7, 100)], "role", Now);

        var group = Assert.Single(report.Groups);
        Assert.Equal(Now.AddHours(100), group.MedianExhaustion);
        Assert.Equal(0.25, group.MedianHeadroom!.Value, 9);
        Assert.Equal((4, 2, 0, 2), (group.Series, group.Hosts, group.ExhaustWithin24h, group.ExhaustWithin7d));
    }

    [Fact]
    public void Aggregate_GroupsByTagAndMetric_MostAtRiskFirst()
    {
        var report = Headroom.Aggregate(
            [Item("w1", 0.2, null, "web"), Item("d1", 0.95, 5, "db"), Item("x1", 0.99, 2, null), Item("d2", 0.5, null, "db", "mem.used.percent")], "role", Now);

        Assert.Equal(["|fs.used.percent", "db|fs.used.percent", "db|mem.used.percent", "web|fs.used.percent"], report.Groups.Select(g => g.Value + "|" + g.Metric));
    }

    [Theory]
    [InlineData("RISING", 1.0, 1.2, 0.0)]
    [InlineData("RISING", 200.0, 50.0, 0.75)]
    public void Share_RisingWithAPositiveLimit_IsTheFreeShareClamped(string direction, double limit, double last, double share) =>
        Assert.Equal(share, Headroom.Share(Item("a", last, null) with { Direction = direction, Limit = limit })!.Value, 9);

    [Theory]
    [InlineData("FALLING", 1.0)]
    [InlineData("RISING", 0.0)]
    [InlineData("RISING", null)]
    public void Share_FallingOrNoPositiveLimit_IsNull(string direction, double? limit) =>
        Assert.Null(Headroom.Share(Item("a", 0.5, null) with { Direction = direction, Limit = limit }));

    private static CapacityItem Item(string host, double last, int? hoursLeft, string? role = "db", string metric = "fs.used.percent")
    {
        var tags = role is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["role"] = role };
        DateTimeOffset? expected = hoursLeft is { } h ? Now.AddHours(h) : null;
        return new CapacityItem(host, metric, metric, tags, "LINEAR", 0, Now, Now, last, 1, "RISING", 0.95, expected, expected, expected, string.Empty);
    }
}
