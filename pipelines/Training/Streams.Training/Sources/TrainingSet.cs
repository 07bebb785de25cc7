namespace Streams.Training.Sources;

/// <summary>A host's training windows: row-major values in time order, the layout, and where and when they came from.</summary>
internal sealed record TrainingSet(
    IReadOnlyList<string> FeatureNames,
    double[] Rows,
    string Source,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    public int RowCount => Rows.Length / FeatureNames.Count;
}
