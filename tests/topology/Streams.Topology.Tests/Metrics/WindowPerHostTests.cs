using Confluent.Kafka;
using io.streams.avro;
using Streams.Topology.Metrics;
using Streams.Topology.Metrics.Window;
using Streams.Topology.State;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

/// <summary>
/// The window stage's state per host: one store entry per host, window and 100 series, restored
/// from its changelog, and the per-series entries of earlier builds moved into it.
/// </summary>
public sealed class WindowPerHostTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);
    private static readonly string WindowStore = WindowMetrics.WindowStoreName(Ten);
    private static readonly string HostStore = WindowMetrics.HostStoreName(Ten);

    [Fact]
    public void Window_BatchAcrossTwoWindows_OneEntryPerWindowEachWithItsOwnPoints()
    {
        using var harness = new MetricsHarness(normalize: false, windowOptions: Options(StateStoreKind.InMemory));
        harness.PipeClean(Batch(TimeSpan.FromSeconds(12), points: [At(Point("cpu.user", 1), 8), At(Point("mem.used", 5), 9), Point("cpu.user", 2), Point("mem.used", 6)]));

        var store = harness.Driver.GetKeyValueStore<string, WindowEntry>(WindowStore);
        var entries = store.All().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(["cpu.user", "mem.used"], e.Value.Series.Keys.Order(StringComparer.Ordinal)));

        harness.PipeClean(Batch(TimeSpan.FromSeconds(25), points: [Point("cpu.user", 3)]));
        var windows = harness.ReadWindows();
        Assert.Equal([T0, T0 + Ten], windows.Select(w => w.window.start));
        Assert.Equal([1.0, 5.0], windows[0].series.Select(s => s.mean));
        Assert.Equal([2.0, 6.0], windows[1].series.Select(s => s.mean));
        Assert.Equal(T0.AddSeconds(20), EpochMs.ToDateTime(long.Parse(Assert.Single(store.All()).Key.Split('\u001f')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Window_LatePointsInABatch_WithinGraceJoinTheirOpenWindowAfterGraceDropped()
    {
        using var harness = new MetricsHarness(normalize: false, windowOptions: Options(StateStoreKind.InMemory));
        harness.PipeClean(Batch(TimeSpan.FromSeconds(2), points: [Point("cpu.user", 1), Point("mem.used", 10)]));
        // The batch's own points come first, so the host's clock is past the earlier window when its late points arrive.
        harness.PipeClean(Batch(TimeSpan.FromSeconds(13), points: [Point("cpu.user", 4), At(Point("cpu.user", 3), 7), At(Point("mem.used", 30), 7)]));
        harness.PipeClean(Batch(TimeSpan.FromSeconds(21), points: [Point("cpu.user", 5), At(Point("cpu.user", 99), 5), At(Point("mem.used", 40), 14)]));
        harness.PipeClean(Batch(TimeSpan.FromSeconds(40), points: [Point("cpu.user", 6)]));

        var windows = harness.ReadWindows();
        Assert.Equal([T0, T0 + Ten, T0 + Ten + Ten], windows.Select(w => w.window.start));
        Assert.Equal(2, windows[0].lateSamples);
        Assert.Equal([(2, 2.0), (2, 20.0)], windows[0].series.Select(s => (s.count, s.mean)));
        Assert.Equal(1, windows[1].lateSamples);
        Assert.Equal([(1, 4.0), (1, 40.0)], windows[1].series.Select(s => (s.count, s.mean)));
        Assert.DoesNotContain(windows.SelectMany(w => w.series), s => s.max == 99);
    }

    [Fact]
    public void Window_Restart_OpenWindowRestoredFromTheChangelogClosesWhole()
    {
        List<KeyValuePair<string, byte[]?>> windowChangelog, hostChangelog;
        using (var before = new MetricsHarness(normalize: false, windowOptions: Options(StateStoreKind.InMemory)))
        {
            before.PipeClean(
                Batch(TimeSpan.FromSeconds(1), points: [Point("cpu.user", 1), Point("mem.used", 10)]),
                Batch(TimeSpan.FromSeconds(3), points: [Point("cpu.user", 3), Point("mem.used", 30)]));
            Assert.Empty(before.ReadWindows());
            windowChangelog = before.Changelog(WindowStore);
            hostChangelog = before.Changelog(HostStore);
        }

        var stateDir = NewStateDir();
        RocksDbSeed.Write(stateDir, WindowStore, windowChangelog);
        RocksDbSeed.Write(stateDir, HostStore, hostChangelog);
        using var after = new MetricsHarness(normalize: false, windowOptions: Options(StateStoreKind.RocksDb), stateDir: stateDir);
        after.PipeClean(Batch(TimeSpan.FromSeconds(16), points: [Point("mem.used", 50), Point("cpu.user", 5)]));

        var window = Assert.Single(after.ReadWindows());
        Assert.Equal(T0, window.window.start);
        Assert.Equal(["cpu.user", "mem.used"], window.featureNames);
        Assert.Equal([(2, 2.0), (2, 20.0)], window.series.Select(s => (s.count, s.mean)));
    }

    [Fact]
    public void Window_UpgradeFromPerSeriesEntries_OpenWindowsAreMovedAndCloseWhole()
    {
        // What a build with one store entry per host, window and series left: two windows open.
        var stateDir = NewStateDir();
        var start = new DateTimeOffset(T0).ToUnixTimeMilliseconds();
        string Key(long windowStart, string series) => string.Join('\u001f', "web-01", windowStart.ToString("D15", System.Globalization.CultureInfo.InvariantCulture), series);
        RocksDbSeed.Write(stateDir, WindowStore,
        [
            KeyValuePair.Create(Key(start, "cpu.user"), (byte[]?)LegacyWindowValue.Of("cpu.user", "ratio", 0, (start + 1_000, 0.1, 0), (start + 4_000, 0.3, 0))),
            KeyValuePair.Create(Key(start, "disk.util{device=sda}"), (byte[]?)LegacyWindowValue.Of("disk.util", "ratio", 0, (start + 1_000, 0.5, 0))),
            KeyValuePair.Create(Key(start + 10_000, "cpu.user"), (byte[]?)LegacyWindowValue.Of("cpu.user", "ratio", 1, (start + 11_000, 0.7, 0))),
        ]);
        var hostState = new HostWindowState(["cpu.user", "disk.util{device=sda}"], start + 11_000, long.MinValue);
        RocksDbSeed.Write(stateDir, HostStore, [KeyValuePair.Create("web-01", (byte[]?)new HostWindowStateSerDes().Serialize(hostState, new SerializationContext(MessageComponentType.Value, HostStore)))]);

        using var harness = new MetricsHarness(normalize: false, windowOptions: Options(StateStoreKind.RocksDb), stateDir: stateDir);
        harness.PipeClean(Batch(TimeSpan.FromSeconds(16), points: [Point("cpu.user", 0.9, unit: "ratio")]));

        var window = Assert.Single(harness.ReadWindows());
        Assert.Equal(["cpu.user", "disk.util{device=sda}"], window.featureNames);
        Assert.Equal([(2, 0.2), (1, 0.5)], window.series.Select(s => (s.count, Math.Round(s.mean, 12))));
        var open = Assert.Single(harness.Driver.GetKeyValueStore<string, WindowEntry>(WindowStore).All());
        Assert.Equal(Key(start + 10_000, "0"), open.Key);
        Assert.Null(open.Value.PerSeries);
        var cpu = open.Value.Series["cpu.user"];
        Assert.Equal(1, cpu.LateSamples);
        Assert.Equal([0.7, 0.9], cpu.Points.Values.Select(p => p.Value).Order());
    }

    [Fact]
    public void Window_HostWithAThousandSeries_EntriesOfAHundredSeriesEachUnderKafkasRecordLimit()
    {
        // The larger default size, sampled every 5 s: 12 points per series and window.
        var minute = TimeSpan.FromMinutes(1);
        using var harness = new MetricsHarness(normalize: false, windowOptions: new MetricWindowOptions { Sizes = [minute], Stores = StateStoreKind.InMemory });
        var series = Enumerable.Range(0, 1_000)
            .Select(i => Point("disk.util", 0, unit: "percent", tags: new Dictionary<string, string> { ["device"] = $"nvme{i / 10}n{i % 10}", ["dc"] = "eu-1" }))
            .ToArray();
        for (var second = 0; second <= 65; second += 5)
        {
            harness.PipeClean(Batch(TimeSpan.FromSeconds(second), intervalMs: 5_000, points: [.. series.Select(p => Point(p.metric, second, p.unit, tags: p.tags))]));
        }

        var changelog = harness.Changelog(WindowMetrics.WindowStoreName(minute));
        var largest = changelog.Max(r => r.Value?.Length ?? 0);
        Assert.Equal(20, changelog.Select(r => r.Key).Distinct().Count());
        Assert.InRange(largest, 12 * 12 * WindowEntry.SeriesPerEntry, 1_000_000);
        var window = Assert.Single(harness.ReadWindows());
        Assert.Equal(1_000, window.series.Count);
        Assert.All(window.series, s => Assert.Equal((12, 27.5), (s.count, s.mean)));
    }

    private static MetricWindowOptions Options(StateStoreKind stores) => new() { Sizes = [Ten], Grace = TimeSpan.FromSeconds(5), Stores = stores };

    private static MetricPoint At(MetricPoint point, int second)
    {
        point.timestamp = T0.AddSeconds(second);
        return point;
    }
}
