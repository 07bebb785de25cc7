using System.Globalization;

namespace Streams.Collectors.Replay.Smd;

/// <summary>
/// Reads the Server Machine Dataset layout: <c>train/ test/ test_label/ interpretation_label/</c>,
/// one <c>machine-g-i.txt</c> (or <c>.txt.gz</c>) per machine, comma-separated rows without header.
/// </summary>
internal static class SmdReader
{
    public static IReadOnlyList<string> Machines(string directory)
    {
        var train = Path.Combine(directory, "train");
        if (!Directory.Exists(train))
        {
            throw new DirectoryNotFoundException($"{directory} has no train/ folder; expected the SMD layout train/ test/ test_label/ interpretation_label/.");
        }

        return [.. Directory.EnumerateFiles(train)
            .Select(Path.GetFileName)
            .Select(name => name!.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name)
            .Where(name => name.EndsWith(".txt", StringComparison.Ordinal))
            .Select(name => name[..^4])
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    public static SmdMachine Load(string directory, string machine)
    {
        var file = machine + ".txt";
        var (train, dimension) = ReadMatrix(Path.Combine(directory, "train", file));
        var (test, testDimension) = ReadMatrix(Path.Combine(directory, "test", file));
        if (testDimension != dimension)
        {
            throw new InvalidDataException($"{machine}: train has {dimension} columns, test {testDimension}.");
        }

        var labels = ReadLabels(Path.Combine(directory, "test_label", file));
        if (labels.Length != test.Length / dimension)
        {
            throw new InvalidDataException($"{machine}: {labels.Length} labels for {test.Length / dimension} test rows.");
        }

        var interpretation = Path.Combine(directory, "interpretation_label", file);
        var segments = DatasetFile.Exists(interpretation) ? ReadSegments(interpretation, dimension) : [];
        return new SmdMachine(machine, dimension, train, test, labels, segments);
    }

    /// <summary>A comma-separated matrix without header (an SMD train or test file), plain or gzip-compressed, row-major.</summary>
    /// <exception cref="InvalidDataException">A value is not a number, or a row has another column count than the first.</exception>
    internal static (double[] Values, int Dimension) ReadMatrix(string path)
    {
        using var reader = DatasetFile.Open(path);
        var values = new List<double>();
        var dimension = 0;
        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            row++;
            var parsed = ParseRow(line, string.Create(CultureInfo.InvariantCulture, $"{path}, row {row}"));
            values.AddRange(parsed);
            var columns = parsed.Length;
            if (dimension == 0)
            {
                dimension = columns;
            }
            else if (columns != dimension)
            {
                throw new InvalidDataException($"{path}, row {row}: {columns} columns where the first row has {dimension}.");
            }
        }

        if (dimension == 0)
        {
            throw new InvalidDataException($"{path} has no rows.");
        }

        return ([.. values], dimension);
    }

    /// <summary>One comma-separated row of numbers; <paramref name="where"/> names the row in the error.</summary>
    /// <exception cref="InvalidDataException">A value is not a number.</exception>
    internal static double[] ParseRow(string line, string where)
    {
        var values = new List<double>();
        foreach (var range in line.AsSpan().Split(','))
        {
            if (!double.TryParse(line.AsSpan()[range], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{where}: '{line[range]}' is not a number.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>A <c>test_label</c> file: one 0 or 1 per test row.</summary>
    /// <exception cref="InvalidDataException">A label is neither 0 nor 1.</exception>
    internal static bool[] ReadLabels(string path)
    {
        using var reader = DatasetFile.Open(path);
        var labels = new List<bool>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0)
            {
                labels.Add(text switch
                {
                    "0" => false,
                    "1" => true,
                    _ => throw new InvalidDataException($"{path}, line {labels.Count + 1}: label '{text}' is neither 0 nor 1."),
                });
            }
        }

        return [.. labels];
    }

    /// <summary>
    /// An <c>interpretation_label</c> file: <c>start-end:d1,d2,...</c> with end exclusive and 1-based
    /// columns (see the datasets README), the columns made 0-based.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not <c>start-end:d1,d2,...</c> or names a column outside 1..<paramref name="dimension"/>.</exception>
    internal static List<SmdSegment> ReadSegments(string path, int dimension)
    {
        using var reader = DatasetFile.Open(path);
        var segments = new List<SmdSegment>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (colon < 0 || dash < 0 || dash > colon)
            {
                throw new InvalidDataException($"{path}: '{text}' is not start-end:d1,d2,...");
            }

            var start = int.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture);
            var end = int.Parse(text.AsSpan(dash + 1, colon - dash - 1), CultureInfo.InvariantCulture);
            var dims = text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => int.Parse(d, CultureInfo.InvariantCulture) - 1)
                .ToArray();
            if (dims.Any(d => d < 0 || d >= dimension))
            {
                throw new InvalidDataException($"{path}: '{text}' names a column outside 1..{dimension}.");
            }

            segments.Add(new SmdSegment(start, end, dims));
        }

        return segments;
    }
}
