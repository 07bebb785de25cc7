using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class NabScoresTests
{
    [Fact]
    public void Of_HandBuiltFile_WeighsFalsePositivesAndMissesAsEachProfileDoes()
    {
        // 20 rows, probation 3, windows [10, 14] (caught at 11) and [16, 18] (missed); a false
        // positive at 5 (before any window ended: −1 × fp weight).
        var detections = new bool[20];
        detections[5] = true;
        detections[11] = true;

        var raw = NabScores.Of(detections, [(10, 14), (16, 18)]);

        // σ(-(14-11+1)/5)/σ(-1) = 0.964028/0.986614 = 0.977107.
        Assert.Equal(-0.11 + 0.977107 - 1, raw.Standard, 5);
        Assert.Equal(-0.22 + 0.977107 - 1, raw.LowFalsePositive, 5);
        Assert.Equal(-0.11 + 0.977107 - 2, raw.LowFalseNegative, 5);
    }

    [Fact]
    public void Normalize_NullDetectorOfEachProfile_IsZero()
    {
        var missed = NabScores.Of(new bool[20], [(10, 14), (16, 18)]);

        var normalized = missed.Normalize(2);

        Assert.Equal(new NabScores(0, 0, 0), normalized);
        Assert.Equal(new NabScores(-4, -4, -8), missed + missed);
    }
}
