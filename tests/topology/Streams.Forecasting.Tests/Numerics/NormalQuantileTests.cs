using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Tests.Numerics;

public sealed class NormalQuantileTests
{
    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.5, 0)]
    [InlineData(0.995, 2.575829304)]
    [InlineData(0.01, -2.326347874)]
    public void Of_KnownQuantiles(double p, double z) => Assert.Equal(z, NormalQuantile.Of(p), 6);

    [Fact]
    public void Of_OutsideZeroOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => NormalQuantile.Of(1));
}
