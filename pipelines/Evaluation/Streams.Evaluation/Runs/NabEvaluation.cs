using System.Diagnostics;
using Streams.Evaluation.Datasets;
using Streams.Evaluation.Metrics;
using Streams.Scoring.Series;

namespace Streams.Evaluation.Runs;

/// <summary>
/// NAB protocol: one <see cref="OnlineSeriesDetector"/> per file fed in time order, learning
/// during NAB's probationary period and retraining as it goes; no label is read before scoring.
/// </summary>
internal static class NabEvaluation
{
    /// <summary>
    /// The detector settings for a file of <paramref name="rows"/> rows: the cold-start settings
    /// of the scorer's per-series model (<see cref="OnlineSeriesOptions.ColdStart"/>, one parameter
    /// set for every file, chosen on NAB; the live scorer runs the host ensemble instead),
    /// with NAB's probation as the learning period. They depend on the file's length only, as
    /// NAB's probation does: first training at the end of probation, retraining every probation
    /// length on everything seen so far.
    /// </summary>
    public static OnlineSeriesOptions OptionsFor(int rows, SeriesDetectorOptions series)
    {
        var options = OnlineSeriesOptions.ColdStart(NabScorer.Probation(rows), series);
        return options with { MaxHistory = Math.Max(rows, options.TrainAfter) };
    }

    public static FileResult Run(NabFile file, SeriesDetectorOptions series)
    {
        ArgumentNullException.ThrowIfNull(file);
        var clock = Stopwatch.StartNew();
        var detector = new OnlineSeriesDetector(OptionsFor(file.Values.Length, series));
        var detections = new bool[file.Values.Length];
        var scores = new double[file.Values.Length];
        for (var i = 0; i < detections.Length; i++)
        {
            var verdict = detector.Observe(file.Values[i]);
            detections[i] = verdict.IsAnomaly;
            scores[i] = verdict.Score;
        }

        var elapsed = clock.Elapsed;
        var labels = new bool[detections.Length];
        foreach (var (start, end) in file.Windows)
        {
            labels.AsSpan(start, end - start + 1).Fill(true);
        }

        return new FileResult(file.Key, DetectionCounts.Of(detections, labels), TimeSpan.Zero, elapsed)
        {
            NabRaw = NabScorer.RawScore(detections, file.Windows, NabProfile.Standard),
            NabWindows = file.Windows.Count,
            Affiliation = AffiliationScore.Of(detections, labels),
            Delays = DetectionDelays.Of(detections, labels, (from, to) => (file.Timestamps[to] - file.Timestamps[from]).TotalSeconds),
            Range = RangeFigures.Of(scores, labels, file.Values),
        };
    }
}
