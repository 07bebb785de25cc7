using Streams.Topology.Metrics.Window;
using Streams.Topology.State;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

public sealed class PipelineTests
{
    [Fact]
    public void RawToWindows_TwoSizes_EachEmitsItsOwnWindows()
    {
        using var harness = new MetricsHarness(windowOptions: new MetricWindowOptions
        {
            Sizes = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)],
            Grace = TimeSpan.FromSeconds(5),
            Stores = StateStoreKind.InMemory,
        });

        harness.PipeRaw([.. Enumerable.Range(0, 14).Select(i => Sample("cpu.user", 50, TimeSpan.FromSeconds(5 * i), unit: "percent", intervalMs: 5000))]);
        harness.ForwardCleanToWindows();

        var windows = harness.ReadWindows();
        // Samples 0..65 s: stream time 65 s minus 5 s of grace closes every window ending by 60 s.
        Assert.Equal(6, windows.Count(w => w.windowSizeMs == 10_000));
        var minute = Assert.Single(windows, w => w.windowSizeMs == 60_000);
        Assert.Equal(12, minute.series[0].count);
        Assert.All(windows, w => Assert.Equal(0.5, w.series[0].mean, 12));
    }
}
