using System.Globalization;
using System.Text.Json;
using io.streams.avro;
using Streams.Collectors.Simulator.Labels;

namespace Streams.Collectors.Replay.Nab;

/// <summary>
/// The Numenta Anomaly Benchmark: <c>nab/data/&lt;folder&gt;/&lt;file&gt;.csv</c> with header
/// <c>timestamp,value</c> (UTC, <c>yyyy-MM-dd HH:mm:ss</c>), labelled by the windows of
/// <c>nab/labels/combined_windows.json</c> keyed <c>"&lt;folder&gt;/&lt;file&gt;.csv"</c>, both
/// window ends inclusive.
/// </summary>
internal static class NabDataset
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";
    private static readonly string[] WindowFormats = ["yyyy-MM-dd HH:mm:ss.ffffff", TimestampFormat];

    // File-name prefix → the metric the series measures, so NAB series land in the same families as live ones.
    private static readonly (string Prefix, string Metric, string Unit)[] Metrics =
    [
        ("ec2_cpu_utilization", "cpu.util", "percent"),
        ("rds_cpu_utilization", "cpu.util", "percent"),
        ("cpu_utilization", "cpu.util", "percent"),
        ("ec2_disk_write_bytes", "disk.write.bytes", "bytes"),
        ("ec2_network_in", "net.rx.bytes", "bytes"),
        ("iio_", "net.rx.bytes", "bytes"),
        ("elb_request_count", "http.requests", "count"),
        ("ec2_request_latency", "http.latency", "milliseconds"),
        ("ambient_temperature", "hw.temperature.ambient", ""),
        ("machine_temperature", "hw.temperature", ""),
    ];

    public static IReadOnlyList<ReplayFile> Open(ReplayOptions options)
    {
        var root = Path.Combine(options.DataDirectory, "nab");
        var data = Path.Combine(root, "data");
        if (!Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"No NAB folder at {Path.GetFullPath(data)}; point --data at the datasets folder (it holds smd/ and nab/).");
        }

        var windows = Windows(Path.Combine(root, "labels", "combined_windows.json"));
        return [.. Directory.EnumerateFiles(data, "*.csv*", SearchOption.AllDirectories)
            .Select(f => (Path: f, Key: Path.GetRelativePath(data, f).Replace('\\', '/')))
            .Select(f => (f.Path, Key: f.Key.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? f.Key[..^3] : f.Key))
            .Where(f => FilePattern.Matches(options.Files, DatasetText.Stem(f.Path), f.Key, Path.GetFileName(f.Key)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => OpenFile(f.Path, f.Key, windows.GetValueOrDefault(f.Key) ?? [], options))];
    }

    private static ReplayFile OpenFile(string path, string key, List<(DateTime Start, DateTime End)> windows, ReplayOptions options)
    {
        var stem = DatasetText.Stem(path);
        var (metric, unit) = Metrics.Where(m => stem.StartsWith(m.Prefix, StringComparison.OrdinalIgnoreCase)).Select(m => (m.Metric, m.Unit)).FirstOrDefault(("nab." + stem, ""));
        var all = Read(path, key).ToList();
        if (options.Limit > 0 && all.Count > options.Limit)
        {
            all.RemoveRange(options.Limit, all.Count - options.Limit);
        }

        var first = all.Count > 0 ? all[0].Time : DateTime.UnixEpoch;
        var shift = options.KeepTimestamps ? TimeSpan.Zero : options.Start.UtcDateTime - first;
        var interval = all.Count > 1 ? all[1].Time - all[0].Time : TimeSpan.FromMinutes(5);
        var host = "nab-" + stem;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["dataset"] = "nab", ["file"] = key };
        var labels = windows.Select((w, i) => new IncidentLabel(
            string.Create(CultureInfo.InvariantCulture, $"nab-{stem}-{i}"),
            "nab",
            host,
            "nab-window",
            new DateTimeOffset(w.Start + shift, TimeSpan.Zero),
            // NAB windows include their end; labels exclude theirs, hence one tick more.
            new DateTimeOffset(w.End + shift + TimeSpan.FromTicks(1), TimeSpan.Zero),
            [metric],
            $"NAB window {i} of {key} ({w.Start:yyyy-MM-dd HH:mm:ss} to {w.End:yyyy-MM-dd HH:mm:ss} in the file's own time)."))
            .ToArray();
        return new ReplayFile(
            key,
            host,
            [new ReplayColumn(metric, unit, MetricKind.GAUGE, tags)],
            interval,
            all.Count,
            () => all.Select(r => new ReplayRow(new DateTimeOffset(r.Time + shift, TimeSpan.Zero), [r.Value])),
            labels);
    }

    private static IEnumerable<(DateTime Time, double Value)> Read(string path, string key)
    {
        var line = 0;
        foreach (var text in DatasetText.Lines(path))
        {
            line++;
            if (line == 1 || text.Length == 0)
            {
                continue;
            }

            var comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !DateTime.TryParseExact(text.AsSpan(0, comma), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                || !double.TryParse(text.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{key} line {line} is not 'timestamp,value': '{text}'.");
            }

            yield return (time, value);
        }
    }

    private static Dictionary<string, List<(DateTime Start, DateTime End)>> Windows(string path)
    {
        var windows = new Dictionary<string, List<(DateTime, DateTime)>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return windows;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var file in document.RootElement.EnumerateObject())
        {
            windows[file.Name] = [.. file.Value.EnumerateArray().Select(w => (ParseWindow(w[0]), ParseWindow(w[1])))];
        }

        return windows;
    }

    private static DateTime ParseWindow(JsonElement element) =>
        DateTime.ParseExact(element.GetString() ?? "", WindowFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
