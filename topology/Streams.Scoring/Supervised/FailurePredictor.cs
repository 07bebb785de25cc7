using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Streams.Scoring.Supervised;

/// <summary>
/// Supervised failure predictor where incident labels exist: ML.NET's FastTree (boosted
/// trees) over per-window features, answering "is an incident under way or coming within
/// <see cref="FailurePredictorOptions.Horizon"/> windows". One thread, fixed seed, so the same
/// rows and labels give the same model.
/// </summary>
public sealed class FailurePredictor
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;

    private FailurePredictor(MLContext ml, ITransformer model, SchemaDefinition schema, int dimension, FailurePredictorOptions options)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        Dimension = dimension;
        Options = options;
    }

    public int Dimension { get; }

    public FailurePredictorOptions Options { get; }

    /// <summary>Per-window targets: true where an incident is under way or starts within <paramref name="horizon"/> windows.</summary>
    public static bool[] HorizonLabels(ReadOnlySpan<bool> incidents, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        var labels = new bool[incidents.Length];
        var next = int.MaxValue;
        for (var i = incidents.Length - 1; i >= 0; i--)
        {
            next = incidents[i] ? i : next;
            labels[i] = next != int.MaxValue && next - i <= horizon;
        }

        return labels;
    }

    /// <summary>Trains on row-major features (<c>windows × dimension</c>) and the windows' incident flags.</summary>
    public static FailurePredictor Train(ReadOnlySpan<float> rows, int dimension, ReadOnlySpan<bool> incidents, FailurePredictorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length != incidents.Length * dimension)
        {
            throw new ArgumentException($"{rows.Length} values for {incidents.Length} windows of {dimension} features.", nameof(rows));
        }

        var labels = HorizonLabels(incidents, options.Horizon);
        if (!labels.Contains(true) || !labels.Contains(false))
        {
            throw new ArgumentException("The predictor needs both incident and normal windows to learn from.", nameof(incidents));
        }

        var ml = new MLContext(options.Seed);
        var schema = Schema(dimension);
        var examples = new List<Window>(labels.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            examples.Add(new Window { Features = rows.Slice(i * dimension, dimension).ToArray(), Label = labels[i] });
        }

        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(examples, schema));
        return new FailurePredictor(ml, model, schema, dimension, options);
    }

    /// <summary>Incident probability of each window of row-major <paramref name="rows"/>.</summary>
    public float[] Probabilities(ReadOnlySpan<float> rows)
    {
        if (rows.Length % Dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} values do not form whole rows of {Dimension} features.", nameof(rows));
        }

        var windows = new List<Window>(rows.Length / Dimension);
        for (var i = 0; i < rows.Length / Dimension; i++)
        {
            windows.Add(new Window { Features = rows.Slice(i * Dimension, Dimension).ToArray() });
        }

        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(windows, _schema));
        return [.. scored.GetColumn<float>("Probability")];
    }

    private static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Window));
        schema[nameof(Window.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private sealed class Window
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
