using System.Globalization;
using Streams.Collectors.Replay;
using Streams.Collectors.Replay.Smd;
using Streams.Collectors.Simulator.Series;
using Streams.Topology.Metrics;

namespace Streams.Training.Sources;

/// <summary>
/// The <c>train/</c> half of one Server Machine Dataset machine (<c>machine-g-i.txt</c> or
/// <c>.txt.gz</c>, comma-separated rows without header). Its 38 columns are named with the series
/// ids <c>streams replay --dataset smd</c> gives them (the agent's names, tagged dataset=smd,
/// part=test), so the model scores the windows of a replayed test half by name; a file with
/// another column count gets <c>col1..colN</c>, as <c>streams eval</c> names them.
/// </summary>
internal static class SmdTrainFile
{
    /// <exception cref="FileNotFoundException">The machine has no train file.</exception>
    /// <exception cref="InvalidDataException">A row is not numeric or has another column count.</exception>
    public static TrainingSet Load(string directory, string machine)
    {
        var path = Path.Combine(directory, "train", machine + ".txt");
        if (!DatasetFile.Exists(path))
        {
            throw new FileNotFoundException($"No SMD train file for {machine} at {Path.GetFullPath(path)} (expected {{data}}/train/{machine}.txt or .txt.gz).", path);
        }

        var (values, dimension) = SmdReader.ReadMatrix(path);
        return new TrainingSet(FeatureNames(dimension), values, "smd:" + machine, null, null);
    }

    private static string[] FeatureNames(int dimension)
    {
        if (dimension != SeriesCatalogue.Smd.Count)
        {
            return [.. Enumerable.Range(1, dimension).Select(d => string.Create(CultureInfo.InvariantCulture, $"col{d}"))];
        }

        return [.. SeriesCatalogue.Smd.Select(s => SeriesId.Of(
            s.Metric,
            new Dictionary<string, string>(s.Tags, StringComparer.Ordinal) { ["dataset"] = "smd", ["part"] = "test" }))];
    }
}
