using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class FailurePredictionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    private static PredictionEpisode Episode(string host, double start, double? end) =>
        new(host, "fs.used.percent{mount=/}", H(start), end is { } e ? H(e) : null);

    [Fact]
    public void Score_HandMadeFleet_CountsRecallPrecisionAndLeadTimes()
    {
        // a fails at 48 h, b at 48 h unforeseen, d at 100 h one hour after its alert; c is healthy.
        LabelledFailure[] failures = [new("a", "DiskExhaustion", H(48)), new("b", "DiskExhaustion", H(48)), new("d", "DiskExhaustion", H(100))];
        PredictionEpisode[] episodes =
        [
            Episode("a", 2, 4),     // nothing fails within 24 h of its start: false
            Episode("a", 30, 32),   // 18 h before the failure: true, and the lead
            Episode("a", 40, null), // true; still firing at the failure
            Episode("a", 50, 60),   // after the failure: known, not predicted
            Episode("c", 5, 7),     // false, on a healthy host
            Episode("c", 8, 9),     // false again
            Episode("d", 99, null), // true, 1 h ahead
        ];

        var score = FailurePrediction.Score(failures, episodes, TimeSpan.FromHours(24), new HashSet<string>(["c"]));

        Assert.Equal((3, 2), (score.Failures, score.Predicted));
        Assert.Equal(2.0 / 3, score.Recall, 12);
        Assert.Equal((6, 3, 2), (score.Predictions, score.TruePredictions, score.OnHealthyHosts));
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(TimeSpan.FromHours(9.5), score.MedianLead);
        Assert.Equal(1 + (0.1 * 17), score.P10Lead!.Value.TotalHours, 6);
    }

    [Fact]
    public void Score_EpisodeFiringSinceBeforeTheHorizon_LeadIsTheHorizonAndThePredictionFalse()
    {
        // Firing from 10 h, 38 h before the failure: it is firing all through the day before it.
        LabelledFailure[] failures = [new("a", "HardwareFailure", H(48))];

        var score = FailurePrediction.Score(failures, [Episode("a", 10, null)], TimeSpan.FromHours(24));

        Assert.Equal((1.0, 0.0), (score.Recall, score.Precision));
        Assert.Equal(TimeSpan.FromHours(24), score.MedianLead);
    }

    [Fact]
    public void Score_EpisodeClearedBeforeTheHorizon_DoesNotPredictTheFailure()
    {
        LabelledFailure[] failures = [new("a", "MemoryExhaustion", H(48))];

        var score = FailurePrediction.Score(failures, [Episode("a", 10, 20)], TimeSpan.FromHours(24));

        Assert.Equal(0, score.Recall);
        Assert.Null(score.MedianLead);
    }

    [Fact]
    public void Score_ShorterHorizon_TurnsEarlyPredictionsFalseAndLosesTheirFailures()
    {
        LabelledFailure[] failures = [new("a", "MemoryExhaustion", H(48))];
        PredictionEpisode[] episodes = [Episode("a", 30, 31)];

        var week = FailurePrediction.Score(failures, episodes, TimeSpan.FromDays(7));
        var hour = FailurePrediction.Score(failures, episodes, TimeSpan.FromHours(1));

        Assert.Equal((1.0, 1.0, TimeSpan.FromHours(18)), (week.Recall, week.Precision, week.MedianLead!.Value));
        Assert.Equal(0, hour.Recall);
        Assert.Equal(0, hour.Precision);
        Assert.Null(hour.MedianLead);
    }
}
