using System.Diagnostics;
using Streams.Scoring.Artifacts;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Series;
using Streams.Training.Sources;

namespace Streams.Training;

/// <summary>Trains a host's detector on a training set, evaluates it on the held-out tail and saves the versioned artifact.</summary>
internal static class HostTrainer
{
    public static (ModelMetadata Metadata, HostDetector Detector) Train(TrainingSet set, string host, int seed, ModelArtifactStore store, DateTimeOffset now, HostDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(store);
        var settings = (options ?? new HostDetectorOptions()) with { Series = (options?.Series ?? new SeriesDetectorOptions()) with { Seed = seed } };
        var clock = Stopwatch.StartNew();
        var detector = HostDetector.Train(set.FeatureNames, set.Rows, settings);
        var seconds = clock.Elapsed.TotalSeconds;
        var name = ModelMetadata.HostModelName(host);
        var metadata = new ModelMetadata
        {
            Name = name,
            Host = host,
            Version = ModelVersion.Next(now, store.LatestVersion(name)),
            FeatureNames = detector.FeatureNames,
            Threshold = detector.Threshold,
            Source = set.Source,
            TrainedFrom = set.From,
            TrainedTo = set.To,
            TrainingRows = set.RowCount,
            Seed = seed,
            Evaluation = new Dictionary<string, double>
            {
                ["trainingSeconds"] = Math.Round(seconds, 3),
                ["heldOutAlarmRate"] = HeldOutAlarmRate(detector, set),
                ["parameterBytes"] = detector.ParameterBytes,
            },
            CreatedAt = now,
        };
        return (store.Save(metadata, HostDetectorArtifact.Serialize(detector)), detector);
    }

    // Share of the held-out training tail the live scorer would flag (minimum-duration rule
    // included): the false-alarm rate to expect on data like the training data.
    private static double HeldOutAlarmRate(HostDetector detector, TrainingSet set)
    {
        var dimension = set.FeatureNames.Count;
        var rows = set.RowCount;
        var first = (int)(rows * (1 - detector.Options.CalibrationFraction));
        var scorer = new HostScorer(detector);
        var alarms = 0;
        for (var i = 0; i < rows; i++)
        {
            var flagged = scorer.Score(set.Rows.AsSpan(i * dimension, dimension), default).IsAnomaly;
            alarms += i >= first && flagged ? 1 : 0;
        }

        return rows > first ? Math.Round((double)alarms / (rows - first), 6) : 0;
    }
}
