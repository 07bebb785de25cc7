using Streams.Scoring.Fleet;

namespace Streams.Scoring.Tests.Fleet;

public sealed class FleetPriorTests
{
    private static readonly ColdStartOptions Options = new() { PriorMargin = 0.5, PriorPeers = 2 };

    [Fact]
    public void Of_TwoPeers_JudgesTheUnionOfTheirRangesWidenedByTheMargin()
    {
        var prior = FleetPrior.Of([[new FeatureRange("cpu", 0.2, 0.4)], [new FeatureRange("cpu", 0.3, 0.6)]], Options)!;

        // Union [0.2, 0.6]: middle 0.4, width 0.4, half-width widened to 0.2 + 0.5 × 0.4 = 0.4.
        Assert.Equal(0.4, prior.Expected("cpu")!.Value, 12);
        Assert.Equal(0, prior.Ratio("cpu", 0.4), 12);
        Assert.Equal(1, prior.Ratio("cpu", 0.8), 12);
        Assert.Equal(1.5, prior.Ratio("cpu", -0.2), 12);
        Assert.Equal(0.8, prior.Scale("cpu")!.Value, 12);
    }

    [Fact]
    public void Of_FeatureFewerPeersHad_IsNotJudged()
    {
        var prior = FleetPrior.Of([[new FeatureRange("cpu", 0, 1), new FeatureRange("gpu", 0, 1)], [new FeatureRange("cpu", 0, 1)]], Options)!;

        Assert.Equal(1, prior.Features);
        Assert.Equal(0, prior.Ratio("gpu", 100));
        Assert.Null(prior.Expected("gpu"));
        Assert.Null(FleetPrior.Of([[new FeatureRange("cpu", 0, 1)]], Options));
    }

    [Fact]
    public void Of_FeatureEveryPeerHeldFlat_GetsAWidthFromItsMagnitude()
    {
        var prior = FleetPrior.Of([[new FeatureRange("disk.total", 100, 100)], [new FeatureRange("disk.total", 100, 100)]], Options)!;

        // Width 0.05 × 100 = 5, half-width 2.5 + 2.5 = 5.
        Assert.Equal(1, prior.Ratio("disk.total", 105), 12);
        Assert.True(prior.Ratio("disk.total", 100.5) < 1);
    }

    [Fact]
    public void FeatureRange_Of_TakesTheHalfPercentQuantilesNotTheExtremes()
    {
        var rows = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        rows[999] = 1e9;

        var range = Assert.Single(FeatureRange.Of(["x"], rows));

        Assert.Equal(5, range.Low);
        Assert.Equal(995, range.High);
    }

    [Theory]
    [InlineData("web-01", "web")]
    [InlineData("web-12.eu-1", "web")]
    [InlineData("machine-1-1", "machine")]
    [InlineData("db3", "db")]
    [InlineData("1234", "1234")]
    [InlineData("front-7", "frontend")]
    public void FleetGroups_Of_ConfiguredGlobsFirstElseTheNameWithoutItsNumber(string host, string group)
    {
        var groups = new FleetGroups(new Dictionary<string, string> { ["frontend"] = "front-*, edge-?" });

        Assert.Equal(group, groups.Of(host));
    }
}
