using io.streams.avro;
using Streams.Topology.Metrics.Window;
using Streams.Topology.State;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

public sealed class WindowMetricsTests : IDisposable
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    private readonly MetricsHarness harness = new(
        normalize: false,
        windowOptions: new MetricWindowOptions { Sizes = [TimeSpan.FromSeconds(10)], Grace = TimeSpan.FromSeconds(5), Stores = StateStoreKind.InMemory });

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Window_BeforeGraceEnds_EmitsNothingThenOnceWithStatistics()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 6, 7, 8, 9];
        harness.PipeClean([.. values.Select((v, i) => Sample("cpu.user", v, TimeSpan.FromSeconds(i)))]);
        harness.PipeClean(Sample("cpu.user", 0, TimeSpan.FromSeconds(14)));
        Assert.Empty(harness.ReadWindows());

        harness.PipeClean(Sample("cpu.user", 0, TimeSpan.FromSeconds(15)));
        harness.PipeClean(Sample("cpu.user", 0, TimeSpan.FromSeconds(16)));

        var window = Assert.Single(harness.ReadWindows());
        Assert.Equal("web-01", window.host);
        Assert.Equal((T0, T0 + Ten), (window.window.start, window.window.end));
        Assert.Equal(10_000, window.windowSizeMs);
        var stats = Assert.Single(window.series);
        Assert.Equal("cpu.user", stats.series);
        Assert.Equal(10, stats.count);
        Assert.Equal((1, 10, 5.5), (stats.min, stats.max, stats.mean));
        Assert.Equal(Math.Sqrt(8.25), stats.stddev, 12);
        Assert.Equal(9, stats.last);
        Assert.Equal(10, stats.p95);
        Assert.Equal(harness.Clock.Now.UtcDateTime, window.emittedAt);
    }

    [Fact]
    public void Window_OutOfOrderAndLateWithinGrace_AreIncludedAndLateOnesCounted()
    {
        harness.PipeClean(
            Sample("cpu.user", 1, TimeSpan.FromSeconds(5)),
            Sample("cpu.user", 2, TimeSpan.FromSeconds(2)),
            Sample("cpu.user", 3, TimeSpan.FromSeconds(12)),
            Sample("cpu.user", 4, TimeSpan.FromSeconds(8)),
            Sample("cpu.user", 0, TimeSpan.FromSeconds(30)));

        var first = harness.ReadWindows()[0];
        var stats = Assert.Single(first.series);
        Assert.Equal(3, stats.count);
        Assert.Equal(1, first.lateSamples);
        Assert.Equal(4, stats.last);
    }

    [Fact]
    public void Window_SampleAfterGrace_IsDroppedNotEmittedAgain()
    {
        harness.PipeClean(
            Sample("cpu.user", 1, TimeSpan.FromSeconds(1)),
            Sample("cpu.user", 2, TimeSpan.FromSeconds(16)));
        Assert.Single(harness.ReadWindows());

        harness.PipeClean(Sample("cpu.user", 99, TimeSpan.FromSeconds(3)));
        harness.PipeClean(Sample("cpu.user", 2, TimeSpan.FromSeconds(26)));

        var windows = harness.ReadWindows();
        Assert.Equal([T0 + Ten], windows.Select(w => w.window.start));
        Assert.DoesNotContain(windows.SelectMany(w => w.series), s => s.max == 99);
    }

    [Fact]
    public void Window_DuplicateSample_IsCountedOnce()
    {
        var sample = Sample("cpu.user", 7, TimeSpan.FromSeconds(3));
        harness.PipeClean(sample, sample, Sample("cpu.user", 1, TimeSpan.FromSeconds(4)), sample);
        harness.PipeClean(Sample("cpu.user", 0, TimeSpan.FromSeconds(20)));

        var stats = Assert.Single(harness.ReadWindows()[0].series);
        Assert.Equal(2, stats.count);
        Assert.Equal(4, stats.mean);
    }

    [Fact]
    public void Window_FeatureVector_KeepsItsOrderAndMasksAbsentSeries()
    {
        var disk = Sample("disk.util", 0.5, TimeSpan.FromSeconds(1));
        disk.tags = new Dictionary<string, string> { ["device"] = "sda" };
        harness.PipeClean(Sample("mem.used", 100, TimeSpan.FromSeconds(1)), disk, Sample("cpu.user", 0.2, TimeSpan.FromSeconds(2)));
        harness.PipeClean(Sample("cpu.user", 0.4, TimeSpan.FromSeconds(12)));
        harness.PipeClean(Sample("cpu.user", 0.4, TimeSpan.FromSeconds(30)));

        var windows = harness.ReadWindows();
        Assert.Equal(2, windows.Count);
        string[] layout = ["mem.used", "disk.util{device=sda}", "cpu.user"];
        Assert.Equal(layout, windows[0].featureNames);
        Assert.Equal([100, 0.5, 0.2], windows[0].features);
        Assert.Equal([true, true, true], windows[0].present);
        Assert.Equal(layout, windows[1].featureNames);
        Assert.Equal([0, 0, 0.4], windows[1].features);
        Assert.Equal([false, false, true], windows[1].present);
    }

    [Fact]
    public void Window_GapMarkersAndFills_AreCountedApartFromMeasurements()
    {
        var fill = Sample("cpu.user", 0.3, TimeSpan.FromSeconds(2));
        fill.forwardFilled = true;
        var gap = Sample("cpu.user", double.NaN, TimeSpan.FromSeconds(4));
        gap.gap = true;
        var onlyGap = Sample("mem.used", double.NaN, TimeSpan.FromSeconds(4));
        onlyGap.gap = true;
        harness.PipeClean(Sample("cpu.user", 0.3, TimeSpan.FromSeconds(1)), fill, gap, onlyGap, Sample("cpu.user", 0.3, TimeSpan.FromSeconds(20)));

        var window = harness.ReadWindows()[0];
        var cpu = window.series.Single(s => s.series == "cpu.user");
        Assert.Equal((1, 1, 1), (cpu.count, cpu.forwardFilled, cpu.gaps));
        Assert.Equal(0.3, cpu.mean);
        var mem = window.series.Single(s => s.series == "mem.used");
        Assert.Equal((0, 1), (mem.count, mem.gaps));
        Assert.True(double.IsNaN(mem.mean));
        Assert.Equal([true, false], window.present);
    }

    [Fact]
    public void Window_MeasuredSampleAfterItsForwardFill_ReplacesTheFill()
    {
        var fill = Sample("cpu.user", 0.3, TimeSpan.FromSeconds(2));
        fill.forwardFilled = true;
        harness.PipeClean(fill, Sample("cpu.user", 0.9, TimeSpan.FromSeconds(2)), Sample("cpu.user", 0, TimeSpan.FromSeconds(20)));

        var cpu = Assert.Single(harness.ReadWindows()[0].series);
        Assert.Equal((1, 0, 0.9), (cpu.count, cpu.forwardFilled, cpu.mean));
    }

    [Fact]
    public void Window_OneHostsClockAhead_DoesNotCloseOrDropAnotherHostsWindow()
    {
        harness.PipeClean(Sample("cpu.user", 1, TimeSpan.FromSeconds(1), host: "a"), Sample("cpu.user", 2, TimeSpan.FromSeconds(1), host: "b"));
        harness.PipeClean(Sample("cpu.user", 0, TimeSpan.FromMinutes(5), host: "a"));
        harness.PipeClean(Sample("cpu.user", 4, TimeSpan.FromSeconds(3), host: "b"), Sample("cpu.user", 0, TimeSpan.FromSeconds(20), host: "b"));

        var windows = harness.ReadWindows();
        Assert.Equal(["a", "b"], windows.Select(w => w.host));
        Assert.Equal(1.0, windows[0].series[0].mean);
        Assert.Equal((2, 3.0), (windows[1].series[0].count, windows[1].series[0].mean));
    }

    [Fact]
    public void Window_HostFallsSilent_ItsOpenWindowsAreEmittedAfterTheTimeout()
    {
        harness.PipeClean(Sample("cpu.user", 1, TimeSpan.FromSeconds(1)), Sample("cpu.user", 3, TimeSpan.FromSeconds(12)));
        harness.Clock.Now += TimeSpan.FromSeconds(10);
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(10));
        Assert.Empty(harness.ReadWindows());

        harness.Clock.Now += TimeSpan.FromSeconds(30);
        harness.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(30));

        var windows = harness.ReadWindows();
        Assert.Equal([T0, T0 + Ten], windows.Select(w => w.window.start));
        Assert.Equal([1.0, 3.0], windows.Select(w => w.series[0].mean));

        // A straggler for an emitted window is late; it must not reopen it.
        harness.PipeClean(Sample("cpu.user", 9, TimeSpan.FromSeconds(5)), Sample("cpu.user", 0, TimeSpan.FromSeconds(40)));
        Assert.Empty(harness.ReadWindows());
    }
}
