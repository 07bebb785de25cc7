using System.Globalization;
using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Replay.Smd;

/// <summary>
/// The Server Machine Dataset: <c>smd/{train,test}/machine-G-N.txt[.gz]</c>, 38 comma-separated
/// min-max normalised values per row, one row a minute, no timestamps;
/// <c>smd/test_label/</c> one 0/1 per test row; <c>smd/interpretation_label/</c>
/// <c>start-end:columns</c> per anomaly (end exclusive, 1-based column numbers).
/// </summary>
internal static class SmdDataset
{
    // The paper's sampling interval.
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly int ColumnCount = SeriesCatalogue.Smd.Count;

    public static IReadOnlyList<ReplayFile> Open(ReplayOptions options)
    {
        var root = Path.Combine(options.DataDirectory, "smd");
        var part = options.SmdPart.ToLowerInvariant();
        if (part is not ("test" or "train"))
        {
            throw new ArgumentException($"SMD part must be 'test' or 'train', not '{options.SmdPart}'.", nameof(options));
        }

        var folder = Path.Combine(root, part);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No SMD folder at {Path.GetFullPath(folder)}; point --data at the datasets folder (it holds smd/ and nab/).");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt.gz", StringComparison.OrdinalIgnoreCase))
            .Where(f => FilePattern.Matches(options.Files, DatasetFile.Stem(f), Path.GetFileName(f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return [.. files.Select(f => OpenMachine(root, part, f, options))];
    }

    private static ReplayFile OpenMachine(string root, string part, string path, ReplayOptions options)
    {
        var machine = DatasetFile.Stem(path);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["dataset"] = "smd", ["part"] = part };
        var columns = SeriesCatalogue.Smd
            .Select(s => new ReplayColumn(s.Metric, "", MetricKind.GAUGE, new Dictionary<string, string>(s.Tags.Concat(tags), StringComparer.Ordinal)))
            .ToArray();
        var rows = DatasetFile.Lines(path).Count(l => l.Length > 0);
        if (options.Limit > 0)
        {
            rows = Math.Min(rows, options.Limit);
        }

        var labels = part == "test" ? Labels(root, machine, options.Start, rows) : [];
        return new ReplayFile(machine, machine, columns, Interval, rows, () => Rows(path, options.Start, rows), labels);
    }

    private static IEnumerable<ReplayRow> Rows(string path, DateTimeOffset start, int limit)
    {
        var index = 0;
        foreach (var line in DatasetFile.Lines(path))
        {
            if (index >= limit)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return new ReplayRow(start + (Interval * index), ParseRow(line, index));
            index++;
        }
    }

    internal static double[] ParseRow(string line, int index)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"SMD row {index}");
        var values = SmdReader.ParseRow(line, where);
        return values.Length == ColumnCount ? values : throw new InvalidDataException($"{where} has {values.Length} columns, not {ColumnCount}.");
    }

    /// <summary>Anomaly segments of <c>test_label</c> (the ground truth), with the columns <c>interpretation_label</c> names for them.</summary>
    private static IncidentLabel[] Labels(string root, string machine, DateTimeOffset start, int rows)
    {
        var labelPath = Path.Combine(root, "test_label", machine + ".txt");
        if (!DatasetFile.Exists(labelPath))
        {
            return [];
        }

        var flags = SmdReader.ReadLabels(labelPath).Take(rows).ToArray();
        var interpretationPath = Path.Combine(root, "interpretation_label", machine + ".txt");
        var interpretation = DatasetFile.Exists(interpretationPath) ? SmdReader.ReadSegments(interpretationPath, ColumnCount) : [];
        var labels = new List<IncidentLabel>();
        for (var i = 0; i < flags.Length; i++)
        {
            if (!flags[i])
            {
                continue;
            }

            var end = i;
            while (end < flags.Length && flags[end])
            {
                end++;
            }

            var metrics = interpretation.Where(s => s.Start < end && s.End > i).SelectMany(s => s.Dimensions).Distinct().Order().Select(c => SeriesCatalogue.SmdColumn(c + 1).Metric).ToArray();
            labels.Add(new IncidentLabel(
                string.Create(CultureInfo.InvariantCulture, $"smd-{machine}-{i}"),
                "smd",
                machine,
                "smd-anomaly",
                start + (Interval * i),
                start + (Interval * end),
                metrics,
                string.Create(CultureInfo.InvariantCulture, $"SMD {machine} test rows {i} to {end - 1} labelled anomalous.")));
            i = end;
        }

        return [.. labels];
    }
}
