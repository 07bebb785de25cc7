using System.Diagnostics;
using Streams.Evaluation.Datasets;
using Streams.Evaluation.Metrics;
using Streams.Scoring.Host;
using Streams.Scoring.Supervised;

namespace Streams.Evaluation.Runs;

/// <summary>
/// SMD protocol: train a host detector on the machine's train/ half (its thresholds come from
/// train/, never from test labels), score test/ window by window with the live
/// <see cref="HostScorer"/> running on from train/, and check explanations against interpretation_label/.
/// </summary>
internal static class SmdEvaluation
{
    /// <param name="retrainEvery">
    /// 0 for the literature's protocol (train once on train/). Otherwise, as the live scorer does,
    /// retrain every that many test rows on the latest train/-sized span of train/ and the test
    /// rows already scored (values only, never labels), and swap the new model in mid-stream.
    /// </param>
    /// <param name="supervised">
    /// Also train the FastTree failure predictor on the first half of test/ (its labels, the
    /// only labelled data SMD has) and evaluate it, beside the unsupervised ensemble, on the second half.
    /// </param>
    public static FileResult Run(SmdMachine machine, HostDetectorOptions options, int retrainEvery = 0, bool supervised = false)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentOutOfRangeException.ThrowIfNegative(retrainEvery);
        var names = Enumerable.Range(1, machine.Dimension).Select(d => $"col{d}").ToArray();
        var dimension = machine.Dimension;
        var trainRows = machine.Train.Length / dimension;
        double[] all = [.. machine.Train, .. machine.Test];
        var clock = Stopwatch.StartNew();
        var training = TimeSpan.Zero;
        var scoring = TimeSpan.Zero;
        var scorer = new HostScorer(HostDetector.Train(names, machine.Train, options));
        training += clock.Elapsed;

        // test/ continues train/ in time, so the scorer runs on from it as a live scorer that
        // has seen those windows would: its recent past is the end of train/, not nothing.
        for (var i = 0; i < trainRows; i++)
        {
            scorer.Score(machine.Train.AsSpan(i * dimension, dimension), default);
        }
        var rows = machine.TestRows;
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
        clock.Restart();
        for (var i = 0; i < rows; i++)
        {
            if (retrainEvery > 0 && i > 0 && i % retrainEvery == 0)
            {
                scoring += clock.Elapsed;
                clock.Restart();
                var end = trainRows + i;
                scorer.Swap(HostDetector.Train(names, all.AsSpan((end - trainRows) * dimension, trainRows * dimension), options));
                training += clock.Elapsed;
                clock.Restart();
            }

            var score = scorer.Score(machine.Test.AsSpan(i * dimension, dimension), default);
            predicted[i] = score.IsAnomaly;
            ratios[i] = score.Score / score.Threshold;
            if (supervised)
            {
                WindowFeatures(machine.Test.AsSpan(i * dimension, dimension), scorer, score, windowFeatures.AsSpan(i * width, width));
            }

            if (truth[i] is { } dims)
            {
                hit100.Add(scorer.Shares, dims);
                hit150.Add(scorer.Shares, dims);
            }
        }

        scoring += clock.Elapsed;
        return new FileResult(machine.Name, DetectionCounts.Of(predicted, machine.Labels), training, scoring)
        {
            HitRate100 = hit100,
            HitRate150 = hit150,
            // One threshold over the ensemble score with the shorter of the two minimum durations: the
            // single-threshold rule nearest the detector's, which holds a level and a change each to its own.
            Ceiling = ThresholdCeiling.Best(ratios, machine.Labels, Math.Min(options.MinDuration, options.Change.MinDuration)).Counts,
            Supervised = supervised ? Supervise(windowFeatures, width, machine.Labels, predicted) : null,
        };
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
