using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class FailurePredictionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    private static ForecastCycleResult Cycle(string host, double at, double? exhaustedAt) =>
        new(host, "fs.used.percent{mount=/}", H(at), exhaustedAt is { } e ? H(e) : null);

    [Fact]
    public void Score_HandMadeFleet_CountsRecallPrecisionAndLeadTimes()
    {
        // a fails at 48 h, b at 48 h unforeseen, d at 100 h one hour after its first prediction; c is healthy.
        LabelledFailure[] failures = [new("a", "DiskExhaustion", H(48)), new("b", "DiskExhaustion", H(48)), new("d", "DiskExhaustion", H(100))];
        ForecastCycleResult[] cycles =
        [
            Cycle("a", 2, 20),   // predicts, but nothing fails within 24 h of it: false
            Cycle("a", 3, null),
            Cycle("a", 10, 50),  // 40 h ahead: beyond the horizon, no prediction
            Cycle("a", 30, 50),  // predicts, 18 h before the failure: true, the lead
            Cycle("a", 31, 49),  // the same prediction going on
            Cycle("a", 32, null),
            Cycle("a", 40, 47),  // a new prediction: true
            Cycle("a", 41, null),
            Cycle("a", 50, 50),  // after the failure: known, not predicted
            Cycle("b", 30, null),
            Cycle("c", 5, 20),   // false
            Cycle("c", 6, 21),
            Cycle("c", 7, null),
            Cycle("c", 8, 30),   // false again
            Cycle("d", 99, 101), // true, 1 h ahead
        ];

        var score = FailurePrediction.Score(failures, cycles, TimeSpan.FromHours(24));

        Assert.Equal((3, 2), (score.Failures, score.Predicted));
        Assert.Equal(2.0 / 3, score.Recall, 12);
        Assert.Equal((6, 3), (score.Predictions, score.TruePredictions));
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(TimeSpan.FromHours(9.5), score.MedianLead);
        Assert.Equal(1 + (0.1 * 17), score.P10Lead!.Value.TotalHours, 6);
    }

    [Fact]
    public void Score_ShorterHorizon_TurnsEarlyPredictionsFalseAndLosesTheirFailures()
    {
        LabelledFailure[] failures = [new("a", "MemoryExhaustion", H(48))];
        ForecastCycleResult[] cycles = [Cycle("a", 30, 50)];

        var week = FailurePrediction.Score(failures, cycles, TimeSpan.FromDays(7));
        var hour = FailurePrediction.Score(failures, cycles, TimeSpan.FromHours(1));

        Assert.Equal((1.0, 1.0, TimeSpan.FromHours(18)), (week.Recall, week.Precision, week.MedianLead!.Value));
        Assert.Equal(0, hour.Recall);
        Assert.True(double.IsNaN(hour.Precision));
        Assert.Null(hour.MedianLead);
    }
}
