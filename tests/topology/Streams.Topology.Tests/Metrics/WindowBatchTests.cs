using io.streams.avro;
using Streams.Topology.Metrics.Window;
using Streams.Topology.State;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

/// <summary>WindowMetrics fed with clean batches: a host's batch is placed at once, its series named with the host tags.</summary>
public sealed class WindowBatchTests : IDisposable
{
    private readonly MetricsHarness harness = new(
        normalize: false,
        windowOptions: new MetricWindowOptions { Sizes = [TimeSpan.FromSeconds(10)], Grace = TimeSpan.FromSeconds(5), Stores = StateStoreKind.InMemory });

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Window_Batches_EverySeriesOfTheHostInOneWindowWithHostTagsInTheSeriesIds()
    {
        MetricBatch Pass(int second, double cpu) => WithHostTags(Batch(
            TimeSpan.FromSeconds(second),
            points: [Point("cpu.user", cpu), Point("disk.util", 0.5, tags: new Dictionary<string, string> { ["device"] = "sda" })]));

        harness.PipeClean(Pass(1, 0.2), Pass(6, 0.4), Pass(16, 0.9));

        var window = Assert.Single(harness.ReadWindows());
        Assert.Equal(["cpu.user{dc=eu-1}", "disk.util{dc=eu-1,device=sda}"], window.featureNames);
        Assert.Equal([0.3, 0.5], window.features.Select(f => Math.Round(f, 12)));
        Assert.All(window.series, s => Assert.Equal(2, s.count));
    }

    [Fact]
    public void Window_LateBatches_WithinGraceCountedAfterGraceDropped()
    {
        harness.PipeClean(
            Batch(TimeSpan.FromSeconds(2), points: [Point("cpu.user", 1)]),
            Batch(TimeSpan.FromSeconds(12), points: [Point("cpu.user", 2)]),
            Batch(TimeSpan.FromSeconds(8), points: [Point("cpu.user", 3)]),
            Batch(TimeSpan.FromSeconds(21), points: [Point("cpu.user", 4)]),
            Batch(TimeSpan.FromSeconds(9), points: [Point("cpu.user", 99)]),
            Batch(TimeSpan.FromSeconds(40), points: [Point("cpu.user", 5)]));

        var windows = harness.ReadWindows();
        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20)], windows.Select(w => w.window.start));
        Assert.Equal((2, 2.0), (windows[0].series[0].count, windows[0].series[0].mean));
        Assert.Equal(1, windows[0].lateSamples);
        Assert.DoesNotContain(windows.SelectMany(w => w.series), s => s.max == 99);
    }

    [Fact]
    public void Window_BatchWithFillsAndAGap_CountsThemApartAtTheirOwnTimes()
    {
        var fill = Point("cpu.user", 0.3);
        fill.forwardFilled = true;
        fill.timestamp = T0.AddSeconds(11);
        var gap = Point("mem.used", double.NaN);
        gap.gap = true;
        gap.timestamp = T0.AddSeconds(3);
        harness.PipeClean(
            Batch(TimeSpan.FromSeconds(1), points: [Point("cpu.user", 0.3)]),
            Batch(TimeSpan.FromSeconds(26), points: [fill, gap, Point("cpu.user", 0.5), Point("mem.used", 7)]));

        var windows = harness.ReadWindows();
        Assert.Equal([T0, T0.AddSeconds(10)], windows.Select(w => w.window.start));
        var mem = windows[0].series.Single(s => s.series == "mem.used");
        Assert.Equal((0, 1), (mem.count, mem.gaps));
        var cpu = windows[1].series.Single(s => s.series == "cpu.user");
        Assert.Equal((0, 1), (cpu.count, cpu.forwardFilled));
    }

    private static MetricBatch WithHostTags(MetricBatch batch)
    {
        batch.tags = new Dictionary<string, string> { ["dc"] = "eu-1" };
        return batch;
    }
}
