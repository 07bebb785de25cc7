using Streams.Forecasting.Numerics;

namespace Streams.Forecasting.Tests.Numerics;

public sealed class AutocorrelationTests
{
    [Fact]
    public void Compute_MatchesTheDirectSum()
    {
        var values = Synthetic.Make(301, t => Math.Sin(t / 5.0), noise: 0.3, seed: 21);
        var mean = values.Average();
        var denominator = values.Sum(v => (v - mean) * (v - mean));

        var r = Autocorrelation.Compute(values, 50);

        for (var k = 0; k <= 50; k++)
        {
            var direct = 0.0;
            for (var t = 0; t + k < values.Length; t++)
            {
                direct += (values[t] - mean) * (values[t + k] - mean);
            }

            Assert.Equal(direct / denominator, r[k], 9);
        }
    }

    [Fact]
    public void Compute_ConstantSeries_IsZero()
    {
        Assert.All(Autocorrelation.Compute([3, 3, 3, 3], 2), r => Assert.Equal(0, r));
    }
}
