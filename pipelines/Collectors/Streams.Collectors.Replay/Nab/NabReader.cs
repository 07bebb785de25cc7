using System.Globalization;
using System.Text.Json;

namespace Streams.Collectors.Replay.Nab;

/// <summary>
/// Reads NAB's layout: <c>data/&lt;folder&gt;/&lt;file&gt;.csv</c> (<c>timestamp,value</c>) and
/// <c>labels/combined_windows.json</c> (per key, inclusive <c>[start, end]</c> timestamp pairs).
/// </summary>
internal static class NabReader
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-dd HH:mm:ss"];

    public static IReadOnlyList<string> Keys(string directory)
    {
        var data = Path.Combine(directory, "data");
        if (!Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"{directory} has no data/ folder; expected NAB's layout data/ labels/.");
        }

        return [.. Directory.EnumerateFiles(data, "*.csv*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(data, path).Replace('\\', '/'))
            .Select(key => key.EndsWith(".gz", StringComparison.Ordinal) ? key[..^3] : key)
            .Where(key => key.EndsWith(".csv", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<(DateTime Start, DateTime End)>> Windows(string directory)
    {
        var path = Path.Combine(directory, "labels", "combined_windows.json");
        using var reader = DatasetFile.Open(path);
        using var json = JsonDocument.Parse(reader.ReadToEnd());
        var windows = new Dictionary<string, IReadOnlyList<(DateTime, DateTime)>>(StringComparer.Ordinal);
        foreach (var file in json.RootElement.EnumerateObject())
        {
            windows[file.Name] = [.. file.Value.EnumerateArray().Select(pair => (ParseTime(pair[0].GetString()), ParseTime(pair[1].GetString())))];
        }

        return windows;
    }

    public static NabFile Load(string directory, string key, IReadOnlyDictionary<string, IReadOnlyList<(DateTime Start, DateTime End)>> windows)
    {
        var path = Path.Combine(directory, "data", key);
        using var reader = DatasetFile.Open(path);
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("timestamp,value", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected the header 'timestamp,value', got '{header}'.");
        }

        var timestamps = new List<DateTime>();
        var values = new List<double>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                throw new InvalidDataException($"{path}, row {values.Count + 1}: '{line}' is not timestamp,value.");
            }

            timestamps.Add(ParseTime(line[..comma]));
            values.Add(double.Parse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        var rows = windows.TryGetValue(key, out var labelled)
            ? labelled.Select(w => ToRows(timestamps, w.Start, w.End)).Where(w => w.Start <= w.End).ToList()
            : [];
        return new NabFile(key, [.. timestamps], [.. values], rows);
    }

    private static (int Start, int End) ToRows(List<DateTime> timestamps, DateTime start, DateTime end)
    {
        var first = timestamps.FindIndex(t => t >= start);
        var last = timestamps.FindLastIndex(t => t <= end);
        return first < 0 ? (1, 0) : (first, last);
    }

    private static DateTime ParseTime(string? text) =>
        DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new InvalidDataException($"'{text}' is not a NAB timestamp (yyyy-MM-dd HH:mm:ss[.ffffff]).");
}
