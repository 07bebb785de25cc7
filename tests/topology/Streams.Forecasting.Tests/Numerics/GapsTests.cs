using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Tests.Numerics;

public sealed class GapsTests
{
    [Fact]
    public void Interpolate_FillsInnerGapsLinearlyAndEndsWithTheNearest()
    {
        Assert.Equal([1, 1, 2, 3, 4, 4], Gaps.Interpolate([double.NaN, 1, double.NaN, 3, 4, double.NaN]));
    }
}
