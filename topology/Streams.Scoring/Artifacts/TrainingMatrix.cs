namespace Streams.Scoring.Artifacts;

/// <summary>
/// Collects a host's windows, whose feature layouts may grow over time (a new series appends a
/// feature) and which may miss values, into the dense row-major matrix
/// <see cref="HostDetection.HostDetector.Train"/> takes. Features are in order of first appearance; a
/// missing value is filled with its feature's mean over the windows that had it, so a gap
/// neither trains a zero nor widens the feature's spread. A feature never present trains as 0.
/// </summary>
public sealed class TrainingMatrix
{
    private readonly List<string> names = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<(int Column, double Value)[]> rows = [];

    public IReadOnlyList<string> FeatureNames => names;

    public int Rows => rows.Count;

    /// <param name="featureNames">The window's layout.</param>
    /// <param name="values">Its values, aligned with <paramref name="featureNames"/>.</param>
    /// <param name="present">Its presence mask; empty when every value is present.</param>
    public void Add(IReadOnlyList<string> featureNames, ReadOnlySpan<double> values, ReadOnlySpan<bool> present)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (values.Length != featureNames.Count || (!present.IsEmpty && present.Length != featureNames.Count))
        {
            throw new ArgumentException($"{featureNames.Count} feature names, {values.Length} values and {present.Length} presence flags do not line up.", nameof(values));
        }

        var row = new List<(int, double)>(featureNames.Count);
        for (var d = 0; d < featureNames.Count; d++)
        {
            if (!index.TryGetValue(featureNames[d], out var column))
            {
                column = names.Count;
                index[featureNames[d]] = column;
                names.Add(featureNames[d]);
            }

            if ((present.IsEmpty || present[d]) && double.IsFinite(values[d]))
            {
                row.Add((column, values[d]));
            }
        }

        rows.Add([.. row]);
    }

    /// <summary>The dense matrix, <c>Rows × FeatureNames.Count</c>, row-major in the order the windows were added.</summary>
    public double[] ToRows()
    {
        var dimension = names.Count;
        var sums = new double[dimension];
        var counts = new int[dimension];
        foreach (var row in rows)
        {
            foreach (var (column, value) in row)
            {
                sums[column] += value;
                counts[column]++;
            }
        }

        var means = sums.Select((sum, d) => counts[d] > 0 ? sum / counts[d] : 0).ToArray();
        var dense = new double[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            means.CopyTo(dense, i * dimension);
            foreach (var (column, value) in rows[i])
            {
                dense[(i * dimension) + column] = value;
            }
        }

        return dense;
    }
}
