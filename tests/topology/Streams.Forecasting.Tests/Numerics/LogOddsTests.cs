using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Tests.Numerics;

public sealed class LogOddsTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1, 5.293304825)] // ln(0.995 / 0.005) = ln 199
    [InlineData(0, -5.293304825)]
    [InlineData(1.2, 5.293304825)] // outside the share's range: clamped to the bound
    public void FromShare_KnownValues(double share, double logOdds) => Assert.Equal(logOdds, LogOdds.FromShare(share), 6);

    [Theory]
    [InlineData(-1, 0.266607)] // (1 / (1 + e) − 0.005) / 0.99
    [InlineData(5.293304825, 1)]
    [InlineData(40, 1)] // past the squeezed bound: clamped to the share's range
    public void ToShare_KnownValues(double logOdds, double share) => Assert.Equal(share, LogOdds.ToShare(logOdds), 6);

    [Theory]
    [InlineData(0.03)]
    [InlineData(0.3)]
    [InlineData(0.97)]
    public void ToShare_OfFromShare_IsTheShare(double share) => Assert.Equal(share, LogOdds.ToShare(LogOdds.FromShare(share)), 12);

    [Fact]
    public void ShareSlope_AtTheMiddle_IsAQuarterOverTheSqueeze() => Assert.Equal(0.25 / 0.99, LogOdds.ShareSlope(0), 12);

    [Fact]
    public void FromShares_Gap_StaysAGap()
    {
        var logOdds = LogOdds.FromShares([0.5, double.NaN]);

        Assert.Equal(0, logOdds[0], 12);
        Assert.True(double.IsNaN(logOdds[1]));
    }
}
