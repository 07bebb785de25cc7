using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Topology.Serdes;

namespace Streams.Processor.Tests;

public sealed class ProcessorServiceTests
{
    [Fact]
    public async Task Processor_RawSamplesThroughEmbeddedBroker_EmitsClosedWindowsOnMetricsWindows()
    {
        await using var platform = await ProcessorPlatform.StartAsync();
        await platform.StartProcessorAsync();
        var start = WindowStart(DateTime.UtcNow.AddMinutes(-2));

        // 25 s of one sample per second: windows [0,10) and [10,20) close once stream time passes 21 s.
        platform.Produce(Enumerable.Range(0, 25).Select(i => Sample("web-01", start.AddSeconds(i), 40 + i)));

        var windows = platform.ReadWindows(w => w.Count >= 2, TimeSpan.FromSeconds(120));
        Assert.Equal(2, windows.Count);
        Assert.Equal([start, start.AddSeconds(10)], windows.Select(w => w.window.start));
        var first = Assert.Single(windows[0].series);
        Assert.Equal(10, first.count);
        Assert.Equal(0.445, first.mean, 9);
        Assert.Equal("ratio", first.unit);
        Assert.Equal([true], windows[1].present);
    }

    [Fact]
    public async Task Processor_RawLogsThroughEmbeddedBroker_MinesTemplatesAndCountsThemPerWindow()
    {
        await using var platform = await ProcessorPlatform.StartAsync();
        await platform.StartProcessorAsync();
        var start = WindowStart(DateTime.UtcNow.AddMinutes(-2));
        var logs = new SchemaAvroSerDes<LogRecord>(platform.RegistryClient);

        // 25 s of one line per second: two sshd messages with varying users and ports, and an error.
        platform.Produce(TopicCatalogue.LogsRaw.Name, logs, Enumerable.Range(0, 25).Select(i => Log(
            start.AddSeconds(i),
            i % 5 == 4 ? "error: maximum authentication attempts exceeded for root" : $"Accepted publickey for user{i} from 10.0.0.{i} port {40000 + i} ssh2",
            i % 5 == 4 ? LogSeverity.ERROR : LogSeverity.INFO)), l => l.host);

        var clean = platform.Read(TopicCatalogue.LogsClean.Name, logs, l => l.Count >= 25, TimeSpan.FromSeconds(120));
        var windows = platform.Read(TopicCatalogue.LogsWindows.Name, new SchemaAvroSerDes<LogWindow>(platform.RegistryClient), w => w.Count >= 2, TimeSpan.FromSeconds(120));

        Assert.Equal(25, clean.Count);
        Assert.Equal(2, clean.Select(l => l.templateId).Distinct().Count());
        Assert.All(clean, l => Assert.False(string.IsNullOrEmpty(l.templateId)));
        Assert.Equal([start, start.AddSeconds(10)], windows.Take(2).Select(w => w.window.start));
        var first = windows[0];
        Assert.Equal(10, first.total);
        Assert.Equal(8, first.severityCounts["INFO"]);
        Assert.Equal(2, first.severityCounts["ERROR"]);
        Assert.Equal(2, first.templates.Count);
        Assert.All(first.templates, t => Assert.True(t.isNew));
        Assert.All(windows[1].templates, t => Assert.False(t.isNew));
    }

    [Fact]
    public async Task Processor_TwoInstances_SplitThePartitionsAndTogetherWindowEveryHost()
    {
        await using var platform = await ProcessorPlatform.StartAsync();
        var first = await platform.StartProcessorAsync();
        var second = await platform.StartProcessorAsync();
        var start = WindowStart(DateTime.UtcNow.AddMinutes(-2));
        var hosts = Enumerable.Range(0, 24).Select(i => $"host-{i:D2}").ToList();

        platform.Produce(Enumerable.Range(0, 15).SelectMany(s => hosts.Select(h => Sample(h, start.AddSeconds(s), 50))));

        var windows = platform.ReadWindows(w => w.Select(x => x.host).Distinct().Count() == hosts.Count, TimeSpan.FromSeconds(180));
        Assert.Equal(hosts, windows.Select(w => w.host).Distinct().Order(StringComparer.Ordinal));
        Assert.All(windows, w => Assert.Equal(10, w.series[0].count));
        var firstTasks = AssignedTasks(first.Log);
        var secondTasks = AssignedTasks(second.Log);
        Assert.NotEmpty(firstTasks);
        Assert.NotEmpty(secondTasks);
        Assert.Empty(firstTasks.Intersect(secondTasks));
        // One task per partition of each sub-topology: normalize, window metrics, mine templates, window logs.
        Assert.Equal(4 * TopicCatalogue.MetricsRaw.Partitions, firstTasks.Count + secondTasks.Count);
    }

    [Fact]
    public async Task Processor_StoppedAndReplacedWithEmptyStateDir_RestoresOpenWindowsFromChangelogs()
    {
        await using var platform = await ProcessorPlatform.StartAsync();
        var first = await platform.StartProcessorAsync();
        var start = WindowStart(DateTime.UtcNow.AddMinutes(-2));
        platform.Produce(Enumerable.Range(0, 15).Select(i => Sample("web-01", start.AddSeconds(i), 10)));
        Assert.Single(platform.ReadWindows(w => w.Count >= 1, TimeSpan.FromSeconds(120)));

        // Window [10 s, 20 s) is open with 5 samples; the next instance starts from an empty directory.
        await platform.StopProcessorAsync(first);
        await platform.StartProcessorAsync();
        platform.Produce(Enumerable.Range(15, 10).Select(i => Sample("web-01", start.AddSeconds(i), 30)));

        var windows = platform.ReadWindows(w => w.Count >= 2, TimeSpan.FromSeconds(120));
        Assert.Equal(2, windows.Count);
        var second = Assert.Single(windows[1].series);
        Assert.Equal(start.AddSeconds(10), windows[1].window.start);
        Assert.Equal((10, 0.2), (second.count, second.mean));
    }

    private static DateTime WindowStart(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.FromSeconds(10).Ticks), DateTimeKind.Utc);

    /// <summary>The tasks (e.g. 1-3: sub-topology 1, partition 3) Streamiz last assigned to an instance, from its log.</summary>
    private static HashSet<string> AssignedTasks(CapturedLog log)
    {
        const string Marker = "Currently assigned active tasks:";
        var line = log.Lines.LastOrDefault(l => l.Contains(Marker, StringComparison.Ordinal)) ?? "";
        var tasks = line.Length == 0 ? "" : line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
        return tasks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
    }

    private static MetricSample Sample(string host, DateTime at, double percent) => new()
    {
        host = host,
        metric = "cpu.user",
        value = percent,
        unit = "percent",
        kind = MetricKind.GAUGE,
        timestamp = at,
        tags = new Dictionary<string, string>(),
        source = MetricSource.SIMULATOR,
        intervalMs = 1000,
    };

    private static LogRecord Log(DateTime at, string message, LogSeverity severity) => new()
    {
        host = "web-01",
        app = "sshd",
        severity = severity,
        timestamp = at,
        message = message,
        structuredData = new Dictionary<string, string>(),
        source = LogSource.SYSLOG_UDP,
    };
}
