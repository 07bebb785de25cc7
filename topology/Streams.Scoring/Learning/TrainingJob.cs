using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;

namespace Streams.Scoring.Learning;

/// <summary>
/// A snapshot of a host's rolling history to train on, taken when its <see cref="RetrainPolicy"/>
/// said a model was due. Holds copies only, so <see cref="Run"/> may run on any thread while the
/// host goes on being scored with the model it has.
/// </summary>
public sealed class TrainingJob
{
    private readonly IReadOnlyList<HistoryRow> rows;
    private readonly HostDetectorOptions options;
    private readonly double margin;

    internal TrainingJob(IReadOnlyList<HistoryRow> rows, long seen, HostDetectorOptions options, double margin)
    {
        this.rows = rows;
        this.options = options;
        this.margin = margin;
        Seen = seen;
    }

    /// <summary>The host's <see cref="LearningProgress.Seen"/> when the snapshot was taken: its new <see cref="LearningProgress.TrainedAt"/>.</summary>
    public long Seen { get; }

    /// <summary>Windows the model is trained on (the span less the excluded incident windows).</summary>
    public int Rows => rows.Count;

    /// <summary>The training ranges of the features, once <see cref="Run"/> has made a model: what the host adds to its group's fleet prior.</summary>
    public IReadOnlyList<FeatureRange> Ranges { get; private set; } = [];

    /// <summary>Trains the host's detector, or returns null when the rows cannot make one (too few usable windows).</summary>
    public HostDetector? Run()
    {
        var matrix = new TrainingMatrix();
        foreach (var row in rows)
        {
            matrix.Add(row.Names, row.Values, row.Present);
        }

        try
        {
            var dense = matrix.ToRows();
            var detector = HostDetector.Train(matrix.FeatureNames, dense, options);
            Ranges = FeatureRange.Of(matrix.FeatureNames, dense);
            return margin == 1 ? detector : detector.WithMargin(margin);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
