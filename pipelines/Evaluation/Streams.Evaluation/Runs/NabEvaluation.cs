using System.Diagnostics;
using Streams.Alerting.Rules;
using Streams.Collectors.Replay.Nab;
using Streams.Evaluation.Metrics;
using Streams.Scoring.Series;
using Streams.Topology.Scoring;

namespace Streams.Evaluation.Runs;

/// <summary>
/// NAB through the live path: each file is one host with one series, replayed through the live
/// scorer's code and retraining schedule (<see cref="LiveReplay"/>, the scorer's default
/// <see cref="ScoreOptions"/>), its anomalies through the alerting topology's rules and lifecycle
/// under the default rules (<see cref="AlertReplay"/>). A NAB detection is the window in which
/// the <see cref="AnomalyRule"/> alert starts FIRING: once per incident, as an operator is paged.
/// The row-wise figures (point-wise, point-adjusted, event-wise, affiliation, delay) take the
/// rows under a FIRING alert as alarmed; VUS-PR and Range-AUC-PR the scorer's score over its
/// threshold. No label is read before scoring; NAB's scorer ignores its probationary period.
/// </summary>
internal static class NabEvaluation
{
    /// <summary>The default rule that turns the scorer's anomalies into alerts.</summary>
    public const string AnomalyRule = "anomaly-sustained";

    /// <summary>The one feature of a NAB file's host.</summary>
    public const string Feature = "value";

    /// <summary>How the report names the per-series detector, which the live scorer does not run.</summary>
    public const string SideLabel = "side detector (not live)";

    public static FileResult Run(NabFile file, ScoreOptions live, SeriesDetectorOptions side)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(live);

        // One NAB row is one live window. The scorer's schedule (first model, retraining cadence,
        // rolling span, incident exclusion), its minimum durations and the anomaly rule's run of
        // consecutive windows all count windows, and a NAB row is one observation of the series
        // as a window is one of a host. Replaying the rows at their own 5-minute spacing would
        // change none of the scorer's decisions and only make the alert rule's time-based
        // resolve-after (2 minutes) shorter than a row, splitting every incident at each row;
        // resampling them to 10-second windows would invent 29 values of every 30. So row i is
        // window i of the live cadence (ScoreOptions.WindowSizeMs), and the delays are still
        // reported in the file's own time.
        string[] names = [Feature];
        var replay = new LiveReplay(names, live.Detector, live.Learning, live.ColdStart);
        var alerts = new AlertReplay(file.Key, names, DefaultRules.All, AnomalyRule, live.WindowSizeMs, live.TopContributions);
        var rows = file.Values.Length;
        var fired = new bool[rows];
        var firing = new bool[rows];
        var ratios = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            double[] values = [file.Values[i]];
            var score = replay.Next(values);
            ratios[i] = replay.Ratio;
            (fired[i], firing[i]) = alerts.Next(i, values, replay, score);
        }

        return Figures(file, firing, fired, ratios, replay.TrainingTime, replay.ScoringTime) with
        {
            AlertsFired = fired.Count(f => f),
            Side = Side(file, side),
        };
    }

    /// <summary>
    /// The side detector's settings for a file of <paramref name="rows"/> rows: the cold-start
    /// settings of the per-series model (<see cref="OnlineSeriesOptions.ColdStart"/>, one parameter
    /// set for every file, chosen on NAB), with NAB's probation as the learning period: first
    /// training at the end of probation, retraining every probation length on everything seen so far.
    /// </summary>
    public static OnlineSeriesOptions SideOptionsFor(int rows, SeriesDetectorOptions series)
    {
        var options = OnlineSeriesOptions.ColdStart(NabScorer.Probation(rows), series);
        return options with { MaxHistory = Math.Max(rows, options.TrainAfter) };
    }

    // The per-series detector the NAB evaluation ran before it went through the live path; no
    // scorer runs it, so it is reported beside the live figures, labelled as such.
    private static FileResult Side(NabFile file, SeriesDetectorOptions series)
    {
        var clock = Stopwatch.StartNew();
        var detector = new OnlineSeriesDetector(SideOptionsFor(file.Values.Length, series));
        var detections = new bool[file.Values.Length];
        var scores = new double[file.Values.Length];
        for (var i = 0; i < detections.Length; i++)
        {
            var verdict = detector.Observe(file.Values[i]);
            detections[i] = verdict.IsAnomaly;
            scores[i] = verdict.Score;
        }

        return Figures(file, detections, detections, scores, TimeSpan.Zero, clock.Elapsed);
    }

    private static FileResult Figures(NabFile file, bool[] alarmed, bool[] detections, double[] scores, TimeSpan training, TimeSpan scoring)
    {
        var labels = new bool[alarmed.Length];
        foreach (var (start, end) in file.Windows)
        {
            labels.AsSpan(start, end - start + 1).Fill(true);
        }

        return new FileResult(file.Key, DetectionCounts.Of(alarmed, labels), training, scoring)
        {
            NabRaw = NabScores.Of(detections, file.Windows),
            NabWindows = file.Windows.Count,
            Affiliation = AffiliationScore.Of(alarmed, labels),
            Delays = DetectionDelays.Of(alarmed, labels, (from, to) => (file.Timestamps[to] - file.Timestamps[from]).TotalSeconds),
            Range = RangeFigures.Of(scores, labels, file.Values),
        };
    }
}
