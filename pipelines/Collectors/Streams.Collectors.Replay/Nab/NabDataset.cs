using System.Globalization;
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

        var windows = DatasetFile.Exists(Path.Combine(root, "labels", "combined_windows.json"))
            ? NabReader.Windows(root)
            : new Dictionary<string, IReadOnlyList<(DateTime Start, DateTime End)>>();
        return [.. NabReader.Keys(root)
            .Where(key => FilePattern.Matches(options.Files, DatasetFile.Stem(key), key, Path.GetFileName(key)))
            .Select(key => OpenFile(NabReader.Load(root, key, windows), windows.GetValueOrDefault(key) ?? [], options))];
    }

    private static ReplayFile OpenFile(NabFile file, IReadOnlyList<(DateTime Start, DateTime End)> windows, ReplayOptions options)
    {
        var key = file.Key;
        var stem = DatasetFile.Stem(key);
        var (metric, unit) = Metrics.Where(m => stem.StartsWith(m.Prefix, StringComparison.OrdinalIgnoreCase)).Select(m => (m.Metric, m.Unit)).FirstOrDefault(("nab." + stem, ""));
        var count = options.Limit > 0 ? Math.Min(options.Limit, file.Values.Length) : file.Values.Length;
        var first = count > 0 ? file.Timestamps[0] : DateTime.UnixEpoch;
        var shift = options.KeepTimestamps ? TimeSpan.Zero : options.Start.UtcDateTime - first;
        var interval = count > 1 ? file.Timestamps[1] - file.Timestamps[0] : TimeSpan.FromMinutes(5);
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
            count,
            () => Enumerable.Range(0, count).Select(i => new ReplayRow(new DateTimeOffset(file.Timestamps[i] + shift, TimeSpan.Zero), [file.Values[i]])),
            labels);
    }
}
