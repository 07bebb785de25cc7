using Streams.Scoring.Numerics;

namespace Streams.Scoring.Tests.Numerics;

public sealed class MlPcaTests
{
    // Centred rows of three features: the first two move together (variance 2 along (1, 1)/√2),
    // the third on its own with a smaller spread.
    private static double[] Rows()
    {
        var random = new Random(3);
        var rows = new double[2_000 * 3];
        for (var i = 0; i < 2_000; i++)
        {
            var shared = (2 * random.NextDouble()) - 1;
            rows[3 * i] = shared;
            rows[(3 * i) + 1] = shared;
            rows[(3 * i) + 2] = 0.3 * ((2 * random.NextDouble()) - 1);
        }

        var mean = new double[3];
        for (var i = 0; i < rows.Length; i++)
        {
            mean[i % 3] += rows[i] / 2_000;
        }

        return [.. rows.Select((v, i) => v - mean[i % 3])];
    }

    [Fact]
    public void Fit_CorrelatedPair_LeadingUnitComponentAlongThePairAndVariancesDescending()
    {
        var (variances, components) = MlPca.Fit(Rows(), 3, 2, seed: 1);

        Assert.Equal(2, variances.Length);
        Assert.True(variances[0] > variances[1]);
        Assert.Equal(1, Math.Sqrt(components[..3].Sum(v => v * v)), 9);
        // A sample of 2,000 rows correlates the third feature with the pair by about 1/√2000.
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(components[0]), 2);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(components[1]), 2);
        Assert.Equal(0, components[2], 2);
        Assert.Equal(1, Math.Abs(components[5]), 2);
        Assert.Equal(0, components[..3].Zip(components[3..]).Sum(p => p.First * p.Second), 4);
    }

    [Fact]
    public void Fit_SameSeed_SameComponents()
    {
        var rows = Rows();

        var (firstVariances, firstComponents) = MlPca.Fit(rows, 3, 2, seed: 4);
        var (secondVariances, secondComponents) = MlPca.Fit(rows, 3, 2, seed: 4);

        Assert.Equal(firstVariances, secondVariances);
        Assert.Equal(firstComponents, secondComponents);
    }

    [Fact]
    public void Fit_RankZero_NoComponents()
    {
        var (variances, components) = MlPca.Fit(Rows(), 3, 0, seed: 1);

        Assert.Empty(variances);
        Assert.Empty(components);
    }
}
