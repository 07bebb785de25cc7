using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Runs;

/// <summary>
/// The evaluation of one SMD machine or one NAB file. HitRates are set for SMD; the NAB raw
/// score, window count, alerts fired and the side detector's result for NAB.
/// </summary>
internal sealed record FileResult(string Name, DetectionCounts Counts, TimeSpan TrainingTime, TimeSpan ScoringTime)
{
    public HitRate? HitRate100 { get; init; }

    public HitRate? HitRate150 { get; init; }

    /// <summary>NAB: the raw score under each of NAB's profiles.</summary>
    public NabScores? NabRaw { get; init; }

    public int NabWindows { get; init; }

    /// <summary>NAB: alerts of the anomaly rule that started firing (the detections the NAB score counts).</summary>
    public int? AlertsFired { get; init; }

    /// <summary>NAB: the same file under the per-series detector the live scorer does not run, reported beside the live figures.</summary>
    public FileResult? Side { get; init; }

    public SupervisedResult? Supervised { get; init; }

    /// <summary>SMD: the counts at the threshold chosen with the test labels (<see cref="ThresholdCeiling"/>), a diagnostic of the score.</summary>
    public DetectionCounts? Ceiling { get; init; }

    public AffiliationScore Affiliation { get; init; }

    public DetectionDelays Delays { get; init; } = new();

    /// <summary>The continuous-score figures; NaN for a file without a labelled event, the overall figure the mean over files.</summary>
    public RangeFigures Range { get; init; } = RangeFigures.Undefined;
}
