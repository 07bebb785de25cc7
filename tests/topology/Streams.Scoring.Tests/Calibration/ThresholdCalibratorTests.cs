using Streams.Scoring.Calibration;

namespace Streams.Scoring.Tests.Calibration;

public sealed class ThresholdCalibratorTests
{
    [Fact]
    public void Quantile_OneToHundred_NearestRank()
    {
        var scores = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        Assert.Equal(99, ThresholdCalibrator.Quantile(scores, 0.99));
        Assert.Equal(1, ThresholdCalibrator.Quantile(scores, 0));
        Assert.Equal(100, ThresholdCalibrator.Quantile(scores, 1));
    }

    [Fact]
    public void PeaksOverThreshold_ExponentialScores_ExtrapolatesBeyondTheSample()
    {
        // Exp(1): P(X > x) = e^-x, so the 1e-5 risk threshold is ln(1e5) = 11.5, beyond the
        // largest of 20,000 samples (about ln(20,000) = 9.9).
        var random = new Random(3);
        var scores = Enumerable.Range(0, 20_000).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();

        var threshold = ThresholdCalibrator.PeaksOverThreshold(scores, 1e-5);

        Assert.InRange(threshold, 10.0, 13.5);
    }

    [Fact]
    public void PeaksOverThreshold_TooFewPeaks_FallsBackToMaximum()
    {
        double[] scores = [1, 2, 3, 4, 5];

        Assert.Equal(5, ThresholdCalibrator.PeaksOverThreshold(scores, 1e-3));
    }

    [Fact]
    public void Quantile_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => ThresholdCalibrator.Quantile([], 0.5));
    }
}
