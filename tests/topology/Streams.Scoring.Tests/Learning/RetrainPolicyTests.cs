using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;

namespace Streams.Scoring.Tests.Learning;

public sealed class RetrainPolicyTests
{
    private static readonly RetrainPolicy Policy = new() { FirstWindows = 60, MatureWindows = 360, RetrainEvery = 1_080, SpanWindows = 4_320, IncidentWindows = 30 };

    [Fact]
    public void IsDue_FromFirstWindow_TrainsAtSixtyThenAsTheHistoryDoublesThenOnTheCadence()
    {
        var progress = default(LearningProgress);
        var trainedAt = new List<long>();
        for (var seen = 1; seen <= 4_000; seen++)
        {
            progress = progress with { Seen = seen };
            if (Policy.IsDue(progress, trained: trainedAt.Count > 0))
            {
                trainedAt.Add(seen);
                progress = progress with { TrainedAt = seen };
            }
        }

        Assert.Equal([60, 120, 240, 360, 1_440, 2_520, 3_600], trainedAt);
        Assert.Equal(HostPhase.Scoring, Policy.PhaseOf(progress, trained: true));
        Assert.Equal(HostPhase.Provisional, Policy.PhaseOf(new LearningProgress(240, 240), trained: true));
        Assert.Equal(HostPhase.Learning, Policy.PhaseOf(new LearningProgress(59, 0), trained: false));
    }

    [Fact]
    public void Record_BeyondTheSpan_OverwritesTheOldestSlotAndSnapshotsOnlyTheLatestSpan()
    {
        var policy = Policy with { FirstWindows = 16, MatureWindows = 16, SpanWindows = 20 };
        var history = new MemoryHistory(policy.SpanWindows);
        var progress = default(LearningProgress);
        for (var i = 0; i < 50; i++)
        {
            progress = policy.Record(history, progress, Row(i, anomalous: false));
        }

        var job = policy.Snapshot(history, progress, new HostDetectorOptions());

        Assert.Equal(50, progress.Seen);
        Assert.Equal(20, job.Rows);
        Assert.Equal(30.0, history.Read(policy.Slot(30))!.Values[0]);
        Assert.Equal(49.0, history.Read(policy.Slot(49))!.Values[0]);
    }

    [Fact]
    public void Snapshot_IncidentInProgressUnderAMatureModel_LeavesItOutUntilItLastsIncidentWindows()
    {
        var history = new MemoryHistory(Policy.SpanWindows);
        var progress = new LearningProgress(0, 0);
        for (var i = 0; i < 400; i++)
        {
            progress = Policy.Record(history, progress, Row(i, anomalous: i is >= 100 and < 110 || i >= 380));
        }

        var mature = progress with { TrainedAt = 360 };
        var young = progress with { TrainedAt = 240 };

        // The 20 windows of the ongoing incident are left out; the 10 of the one that ended are learned.
        Assert.Equal(380, Policy.Snapshot(history, mature, new HostDetectorOptions()).Rows);
        Assert.Equal(400, Policy.Snapshot(history, young, new HostDetectorOptions()).Rows);
        Assert.Equal(400, (Policy with { IncidentWindows = 20 }).Snapshot(history, mature, new HostDetectorOptions()).Rows);
    }

    [Fact]
    public void Snapshot_ShortHistory_WidensTheThresholdsByTheYoungMargin()
    {
        var history = new MemoryHistory(Policy.SpanWindows);
        var progress = default(LearningProgress);
        var random = new Random(3);
        for (var i = 0; i < 360; i++)
        {
            progress = Policy.Record(history, progress, new HistoryRow(["a", "b"], [Math.Sin(i / 10.0) + (0.05 * random.NextDouble()), Math.Cos(i / 10.0)], [], false));
        }

        var young = Policy.Snapshot(history, progress with { Seen = 120 }, new HostDetectorOptions()).Run()!;
        var unwidened = (Policy with { YoungMargin = 1.0 }).Snapshot(history, progress with { Seen = 120 }, new HostDetectorOptions()).Run()!;
        var mature = Policy.Snapshot(history, progress, new HostDetectorOptions()).Run()!;
        var matureUnwidened = (Policy with { YoungMargin = 3.0 }).Snapshot(history, progress, new HostDetectorOptions()).Run()!;

        Assert.Equal(unwidened.Threshold * Policy.YoungMargin, young.Threshold, 9);
        Assert.Equal(unwidened.Change!.Threshold * Policy.YoungMargin, young.Change!.Threshold, 9);
        Assert.Equal(matureUnwidened.Threshold, mature.Threshold, 12);
    }

    [Fact]
    public void Run_TooFewWindows_ReturnsNoDetector()
    {
        var history = new MemoryHistory(Policy.SpanWindows);
        var progress = Policy.Record(history, default, new HistoryRow([], [], [], false));

        Assert.Null(Policy.Snapshot(history, progress, new HostDetectorOptions()).Run());
    }

    [Fact]
    public void Validate_SpanShorterThanMaturity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { SpanWindows = 100 }).Validate());

    private static HistoryRow Row(int i, bool anomalous) => new(["a"], [i], [], anomalous);
}
