using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class HitRateTests
{
    [Fact]
    public void Add_TwoPoints_AveragesHitsInTopRanked()
    {
        var at100 = new HitRate(100);
        var at150 = new HitRate(150);
        double[] first = [0.5, 0.1, 0.3, 0.05, 0.05];
        double[] second = [0.1, 0.2, 0.3, 0.4, 0.0];

        foreach (var rate in new[] { at100, at150 })
        {
            // Truth {0, 1}: top-2 is {0, 2} (1 hit of 2), top-3 is {0, 2, 1} (2 of 2).
            rate.Add(first, [0, 1]);
            // Truth {2, 3}: top-2 is {3, 2} (2 of 2), top-3 too.
            rate.Add(second, [2, 3]);
        }

        Assert.Equal((0.5 + 1.0) / 2, at100.Value, 12);
        Assert.Equal((1.0 + 1.0) / 2, at150.Value, 12);
        Assert.Equal(2, at100.Points);
    }

    [Fact]
    public void Add_ThreeTruthsAt150_TakesFloorOfFourPointFive()
    {
        var rate = new HitRate(150);

        // Top-4 of the ranking is {4, 3, 2, 1}; truth {0, 1, 2}: 2 hits of 3.
        rate.Add([0.0, 0.1, 0.2, 0.3, 0.4], [0, 1, 2]);

        Assert.Equal(2.0 / 3, rate.Value, 12);
    }

    [Fact]
    public void Add_OtherAccumulator_PoolsPoints()
    {
        var a = new HitRate(100);
        var b = new HitRate(100);
        a.Add([1.0, 0.0], [0]);
        b.Add([1.0, 0.0], [1]);
        b.Add([0.0, 1.0], [1]);

        a.Add(b);

        Assert.Equal(3, a.Points);
        Assert.Equal(2.0 / 3, a.Value, 12);
    }
}
