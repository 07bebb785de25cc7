using io.streams.avro;

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

        var windows = platform.ReadWindows(w => w.Count >= 2, TimeSpan.FromSeconds(60));
        Assert.Equal(2, windows.Count);
        Assert.Equal([start, start.AddSeconds(10)], windows.Select(w => w.window.start));
        var first = Assert.Single(windows[0].series);
        Assert.Equal(10, first.count);
        Assert.Equal(0.445, first.mean, 9);
        Assert.Equal("ratio", first.unit);
        Assert.Equal([true], windows[1].present);
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

        var windows = platform.ReadWindows(w => w.Select(x => x.host).Distinct().Count() == hosts.Count, TimeSpan.FromSeconds(90));
        Assert.Equal(hosts, windows.Select(w => w.host).Distinct().Order(StringComparer.Ordinal));
        Assert.All(windows, w => Assert.Equal(10, w.series[0].count));
        var firstTasks = AssignedTasks(first.Log);
        var secondTasks = AssignedTasks(second.Log);
        Assert.NotEmpty(firstTasks);
        Assert.NotEmpty(secondTasks);
        Assert.Empty(firstTasks.Intersect(secondTasks));
        Assert.Equal(24, firstTasks.Count + secondTasks.Count);
    }

    [Fact]
    public async Task Processor_StoppedAndReplacedWithEmptyStateDir_RestoresOpenWindowsFromChangelogs()
    {
        await using var platform = await ProcessorPlatform.StartAsync();
        var first = await platform.StartProcessorAsync();
        var start = WindowStart(DateTime.UtcNow.AddMinutes(-2));
        platform.Produce(Enumerable.Range(0, 15).Select(i => Sample("web-01", start.AddSeconds(i), 10)));
        Assert.Single(platform.ReadWindows(w => w.Count >= 1, TimeSpan.FromSeconds(60)));

        // Window [10 s, 20 s) is open with 5 samples; the next instance starts from an empty directory.
        await platform.StopProcessorAsync(first);
        await platform.StartProcessorAsync();
        platform.Produce(Enumerable.Range(15, 10).Select(i => Sample("web-01", start.AddSeconds(i), 30)));

        var windows = platform.ReadWindows(w => w.Count >= 2, TimeSpan.FromSeconds(60));
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
}
