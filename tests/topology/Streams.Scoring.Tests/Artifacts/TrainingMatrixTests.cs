using Streams.Scoring.Artifacts;

namespace Streams.Scoring.Tests.Artifacts;

public sealed class TrainingMatrixTests
{
    [Fact]
    public void ToRows_GrowingLayoutAndGaps_FillsMissingValuesWithTheFeatureMean()
    {
        var matrix = new TrainingMatrix();
        matrix.Add(["cpu"], [1.0], []);
        matrix.Add(["cpu", "mem"], [3.0, 10.0], [true, true]);
        matrix.Add(["cpu", "mem"], [0.0, 20.0], [false, true]);

        Assert.Equal(["cpu", "mem"], matrix.FeatureNames);
        Assert.Equal([1.0, 15.0, 3.0, 10.0, 2.0, 20.0], matrix.ToRows());
    }
}
