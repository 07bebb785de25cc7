using Streams.Collectors.Replay.Smd;
using Streams.Evaluation.Metrics;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Scoring.Supervised;

namespace Streams.Evaluation.Runs;

/// <summary>
/// SMD protocols. Live (the default): the machine's train/ then test/ are replayed window by
/// window as the live scorer sees a new host: a provisional model after the policy's first
/// windows, retrained on its rolling span on its cadence, windows over the threshold left out
/// of training; test/ is scored by whatever model the schedule has reached. Literature: one
/// detector trained on train/, scoring test/ with the scorer running on from train/. Live without
/// history: test/ alone, from its first row, as a brand-new host meets the live scorer (nothing
/// judges its first windows, then the cold start, then its own models). Thresholds never come
/// from test labels; explanations are checked against interpretation_label/.
/// </summary>
internal static class SmdEvaluation
{
    /// <summary>SMD samples each machine once a minute (Su et al., KDD 2019).</summary>
    private const double SecondsPerRow = 60;

    /// <summary>TSB-AD estimates its sliding window on a file's first 20,000 rows.</summary>
    private const int SlidingWindowValues = 20_000;

    /// <param name="policy">The live protocol's retraining schedule; null for the literature's train-once protocol.</param>
    /// <param name="supervised">
    /// Also train the FastTree failure predictor on the first half of test/ (its labels, the
    /// only labelled data SMD has) and evaluate it, beside the unsupervised ensemble, on the second half.
    /// </param>
    /// <param name="coldStart">
    /// The live cold start, judging the machine until its first model (with the live protocol):
    /// with train/ as history, the first windows of train/, which are not scored, so it changes
    /// no figure but is run as live; without, the first windows of test/.
    /// </param>
    /// <param name="history">
    /// Replay train/ before test/ (the default); false: test/ alone, from its first row (live
    /// protocol only, and without <paramref name="supervised"/>, whose features need a model in every window).
    /// </param>
    public static FileResult Run(SmdMachine machine, HostDetectorOptions options, RetrainPolicy? policy = null, bool supervised = false, ColdStartOptions? coldStart = null, bool history = true)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!history && (policy is null || supervised))
        {
            throw new ArgumentException("Without train/ as history only the live protocol runs, and not --supervised: train-once and the predictor's features need a model from test/'s first row.");
        }

        var names = Enumerable.Range(1, machine.Dimension).Select(d => $"col{d}").ToArray();
        var dimension = machine.Dimension;
        var trainRows = machine.Train.Length / dimension;
        var rows = machine.TestRows;
        var replay = new LiveReplay(names, options, policy, coldStart);
        if (policy is null)
        {
            replay.TrainOnce(machine.Train);
        }

        var predicted = new bool[rows];
        var ratios = new double[rows];
        var truth = new IReadOnlyList<int>?[rows];
        foreach (var segment in machine.Interpretation)
        {
            for (var i = Math.Max(0, segment.Start); i < Math.Min(rows, segment.End); i++)
            {
                truth[i] = segment.Dimensions;
            }
        }

        var width = (3 * dimension) + 1;
        var windowFeatures = supervised ? new float[rows * width] : [];
        var hit100 = new HitRate(100);
        var hit150 = new HitRate(150);

        // test/ continues train/ in time, so with history the scorer runs through train/ first, as a
        // live scorer that has seen those windows would: its recent past is the end of train/, not nothing.
        for (var r = history ? 0 : trainRows; r < trainRows + rows; r++)
        {
            var i = r - trainRows;
            var values = i < 0 ? machine.Train.AsSpan(r * dimension, dimension).ToArray() : machine.Test.AsSpan(i * dimension, dimension).ToArray();
            var next = replay.Next(values);
            if (i < 0)
            {
                continue;
            }

            predicted[i] = replay.IsAnomaly;
            ratios[i] = replay.Ratio;

            // Explanations and the predictor's features come from a model: the cold start's windows have none.
            if (next is not { } score)
            {
                continue;
            }

            // A fit after this window swaps the detector under the host's scorer (the features stay the same), so the window's shares and ratios stay.
            var scorer = replay.Host!.Scorer;
            if (supervised)
            {
                WindowFeatures(values, scorer, score, windowFeatures.AsSpan(i * width, width));
            }

            if (truth[i] is { } dims)
            {
                hit100.Add(scorer.Shares, dims);
                hit150.Add(scorer.Shares, dims);
            }
        }

        return new FileResult(machine.Name, DetectionCounts.Of(predicted, machine.Labels), replay.TrainingTime, replay.ScoringTime)
        {
            Affiliation = AffiliationScore.Of(predicted, machine.Labels),
            Delays = DetectionDelays.Of(predicted, machine.Labels, (from, to) => (to - from) * SecondsPerRow),
            Range = RangeFigures.Of(ratios, machine.Labels, FirstMetric(machine, SlidingWindowValues, history)),
            HitRate100 = hit100,
            HitRate150 = hit150,
            // One threshold over the ensemble score with the shorter of the two minimum durations: the
            // single-threshold rule nearest the detector's, which holds a level and a change each to its own.
            Ceiling = ThresholdCeiling.Best(ratios, machine.Labels, Math.Min(options.MinDuration, options.Change.MinDuration)).Counts,
            Supervised = supervised ? Supervise(windowFeatures, width, machine.Labels, predicted) : null,
        };
    }

    // The first metric in time order, train/ then test/ as the scorer sees them (TSB-AD's SMD files start with the training part).
    private static double[] FirstMetric(SmdMachine machine, int count, bool history)
    {
        var trainRows = history ? machine.Train.Length / machine.Dimension : 0;
        var rows = Math.Min(count, trainRows + machine.TestRows);
        var values = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            values[r] = r < trainRows ? machine.Train[r * machine.Dimension] : machine.Test[(r - trainRows) * machine.Dimension];
        }

        return values;
    }

    // The predictor sees what the scorer produced for the window: the raw values, each series'
    // distance over its threshold, each metric's PCA residual over the PCA threshold, and the
    // ensemble score over its threshold.
    private static void WindowFeatures(ReadOnlySpan<double> values, HostScorer scorer, HostScore score, Span<float> features)
    {
        var dimension = values.Length;
        var pcaRatio = score.PcaError / score.PcaThreshold;
        for (var d = 0; d < dimension; d++)
        {
            features[d] = (float)values[d];
            features[dimension + d] = (float)scorer.SeriesRatios[d];
            features[(2 * dimension) + d] = (float)(scorer.Shares[d] * pcaRatio);
        }

        features[3 * dimension] = (float)(score.Score / score.Threshold);
    }

    private static SupervisedResult? Supervise(float[] features, int width, bool[] labels, bool[] unsupervised)
    {
        var half = labels.Length / 2;
        if (!labels.AsSpan(0, half).Contains(true))
        {
            return null;
        }

        var predictor = FailurePredictor.Train(features.AsSpan(0, half * width), width, labels.AsSpan(0, half), new FailurePredictorOptions { Horizon = 0 });
        var threshold = predictor.Options.Threshold;
        var predicted = predictor.Probabilities(features.AsSpan(half * width)).Select(p => p >= threshold).ToArray();
        return new SupervisedResult(DetectionCounts.Of(predicted, labels.AsSpan(half)), DetectionCounts.Of(unsupervised.AsSpan(half), labels.AsSpan(half)));
    }
}
