using Streams.Scoring.Numerics;

namespace Streams.Scoring.Tests.Numerics;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Decompose_SymmetricMatrix_ReconstructsItFromSortedPairs()
    {
        double[] matrix = [4, 1, 2, 1, 3, 0, 2, 0, 5];

        var (values, vectors) = SymmetricEigen.Decompose(matrix, 3);

        Assert.True(values[0] >= values[1] && values[1] >= values[2]);
        Assert.Equal(12, values.Sum(), 9);
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
            {
                var rebuilt = Enumerable.Range(0, 3).Sum(k => values[k] * vectors[(k * 3) + a] * vectors[(k * 3) + b]);
                Assert.Equal(matrix[(a * 3) + b], rebuilt, 9);
            }
        }
    }
}
