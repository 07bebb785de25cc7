using io.streams.avro;
using Streams.Collectors.Agent.Sampling;

namespace Streams.Collectors.Agent.Tests;

public sealed class HostSamplerTests
{
    private static readonly DateTime Later = FixtureRoot.Start.AddSeconds(10);

    [Fact]
    public void Sample_FirstPass_EmitsGaugesButNoRates()
    {
        using var root = new FixtureRoot("debian12");
        var samples = root.Sample(FixtureRoot.Start);

        Assert.Equal(12.41, samples.Single(MetricNames.Load1));
        Assert.Equal(76, samples.Single(MetricNames.TcpTimeWait));
        Assert.Equal(1, samples.Single(MetricNames.NetUp, "eth0"));
        Assert.DoesNotContain(samples, s => s.Kind == MetricKind.RATE);
        Assert.False(samples.Has(MetricNames.CpuUser));
        Assert.Equal(1, root.Batches);
    }

    [Fact]
    public void Sample_SecondPass_TurnsCounterDeltasIntoRatesAndPercentages()
    {
        using var root = new FixtureRoot("debian12");
        root.Sample(FixtureRoot.Start);
        root.Overlay("debian12-t1");
        var samples = root.Sample(Later);

        Assert.Equal(30, samples.Single(MetricNames.CpuUser), 6);
        Assert.Equal(10, samples.Single(MetricNames.CpuSystem), 6);
        Assert.Equal(10, samples.Single(MetricNames.CpuIoWait), 6);
        Assert.Equal(40, samples.Single(MetricNames.CpuUtil), 6);
        Assert.Equal(1_000_000, samples.Single(MetricNames.NetRxBytes, "eth0"));
        Assert.Equal(500, samples.Single(MetricNames.NetTxPackets, "eth0"));
        Assert.Equal(3, samples.Single(MetricNames.NetRxDrops, "eth0"));
        Assert.Equal(100, samples.Single(MetricNames.DiskReads, "vda"));
        Assert.Equal(50, samples.Single(MetricNames.DiskWrites, "vda"));
        Assert.Equal(20_000d * 512 / 10, samples.Single(MetricNames.DiskReadBytes, "vda"));
        Assert.Equal(50, samples.Single(MetricNames.DiskUtil, "vda"), 6);
        Assert.Equal(5_000d / 1_500, samples.Single(MetricNames.DiskServiceTime, "vda"), 6);
        Assert.Equal(3_000d / 1_500, samples.Single(MetricNames.DiskAwait, "vda"), 6);
        Assert.Equal(1.5, samples.Single(MetricNames.DiskQueue, "vda"), 6);
        Assert.Equal(4, samples.Single(MetricNames.TcpRetransSegs));
        Assert.Equal(10, samples.Single(MetricNames.TcpActiveOpens));
        Assert.Equal(5_000, samples.Single(MetricNames.ContextSwitches));
        Assert.All(samples.Where(s => s.Kind == MetricKind.RATE), s => Assert.EndsWith("/s", s.Unit, StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_TwoPasses_CoversEverySmdColumn()
    {
        using var root = new FixtureRoot("debian12");
        root.Sample(FixtureRoot.Start);
        root.Overlay("debian12-t1");
        var metrics = root.Sample(Later).Select(s => s.Metric).ToHashSet();
        string[] smd =
        [
            MetricNames.CpuUtil, MetricNames.Load1, MetricNames.Load5, MetricNames.Load15, MetricNames.MemShmem, MetricNames.MemUsed,
            MetricNames.MemUsedExcludingCache, MetricNames.MemTotal, MetricNames.DiskQueue, MetricNames.DiskReads, MetricNames.DiskReadBytes,
            MetricNames.DiskServiceTime, MetricNames.DiskUtil, MetricNames.DiskWrites, MetricNames.DiskAwait, MetricNames.DiskWriteBytes,
            MetricNames.SwapIn, MetricNames.SwapOut, MetricNames.NetRxBytes, MetricNames.NetTxBytes, MetricNames.NetRxPackets,
            MetricNames.NetTxPackets, MetricNames.TcpTimeWait, MetricNames.TcpInUse, MetricNames.TcpActiveOpens, MetricNames.TcpEstablished,
            MetricNames.TcpInErrs, MetricNames.TcpInSegs, MetricNames.TcpListenOverflows, MetricNames.TcpOutRsts, MetricNames.TcpOutSegs,
            MetricNames.TcpPassiveOpens, MetricNames.TcpRetransSegs, MetricNames.TcpTimeouts, MetricNames.UdpInDatagrams,
            MetricNames.UdpOutDatagrams, MetricNames.UdpRcvbufErrors, MetricNames.UdpSndbufErrors,
        ];
        Assert.Equal(38, smd.Distinct().Count());
        Assert.Equal([], smd.Where(m => !metrics.Contains(m)));
    }

    [Fact]
    public void Sample_SwappedPages_BecomeBytesPerSecondAtThePageSize()
    {
        using var root = new FixtureRoot("debian12");
        var vmstat = System.IO.Path.Combine(root.Path, "proc", "vmstat");
        File.WriteAllText(vmstat, "pswpin 100\npswpout 50\n");
        root.Sample(FixtureRoot.Start);
        File.WriteAllText(vmstat, "pswpin 300\npswpout 450\n");
        var samples = root.Sample(Later);

        Assert.Equal(200 * HostSampler.PageBytes / 10, samples.Single(MetricNames.SwapIn));
        Assert.Equal(400 * HostSampler.PageBytes / 10, samples.Single(MetricNames.SwapOut));
        Assert.All(samples.Where(s => s.Metric.StartsWith("swap.", StringComparison.Ordinal) && s.Kind == MetricKind.RATE), s => Assert.Equal("bytes/s", s.Unit));
    }

    [Fact]
    public void Sample_ThirtyTwoBitCounterWrapped_YieldsTheWrappedRate()
    {
        using var root = new FixtureRoot("debian12", "wrap/t0");
        root.Sample(FixtureRoot.Start);
        root.Overlay("wrap/t1");
        var samples = root.Sample(Later);

        Assert.Equal(100, samples.Single(MetricNames.NetRxBytes, "eth0"));
        Assert.Equal(1, samples.Single(MetricNames.NetRxPackets, "eth0"));
    }

    [Fact]
    public void Sample_CounterReset_YieldsNoRateForThatIntervalThenRatesAgain()
    {
        using var root = new FixtureRoot("debian12", "reset/t0");
        root.Sample(FixtureRoot.Start);
        root.Overlay("reset/t1");
        var afterReset = root.Sample(Later);
        Assert.False(afterReset.Has(MetricNames.NetRxBytes, "eth0"));
        Assert.Equal(100, afterReset.Single(MetricNames.NetTxBytes, "eth0"));

        var next = root.Sample(Later.AddSeconds(10));
        Assert.Equal(0, next.Single(MetricNames.NetRxBytes, "eth0"));
    }

    [Fact]
    public void Sample_HostRebooted_ForgetsEveryCounterForOnePass()
    {
        using var root = new FixtureRoot("debian12");
        root.Sample(FixtureRoot.Start);
        root.Overlay("debian12-t1");
        root.Overlay("reboot");
        var samples = root.Sample(Later);

        Assert.DoesNotContain(samples, s => s.Kind == MetricKind.RATE);
        Assert.False(samples.Has(MetricNames.CpuUtil));
        Assert.True(samples.Has(MetricNames.Load1));
    }

    [Fact]
    public void Sample_InsideAContainerWithoutDiskstatsSnmpOrSys_EmitsWhatExists()
    {
        using var root = new FixtureRoot("container");
        root.Sample(FixtureRoot.Start);
        var samples = root.Sample(Later);

        Assert.True(samples.Has(MetricNames.MemUsed));
        Assert.True(samples.Has(MetricNames.NetRxBytes, "eth0"));
        Assert.False(samples.Has(MetricNames.NetUp, "eth0"));
        Assert.DoesNotContain(samples, s => s.Metric.StartsWith("disk.", StringComparison.Ordinal) || s.Metric.StartsWith("tcp.", StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_CpuHotPlugged_CountsItAndKeepsPercentagesSummingToHundred()
    {
        using var root = new FixtureRoot("debian12");
        Assert.Equal(2, root.Sample(FixtureRoot.Start).Single(MetricNames.CpuCount));
        root.Overlay("debian12-t1");
        root.Overlay("hotplug");
        var samples = root.Sample(Later);

        Assert.Equal(3, samples.Single(MetricNames.CpuCount));
        string[] modes = [MetricNames.CpuUser, MetricNames.CpuNice, MetricNames.CpuSystem, MetricNames.CpuIdle, MetricNames.CpuIoWait, MetricNames.CpuIrq, MetricNames.CpuSoftIrq, MetricNames.CpuSteal];
        Assert.Equal(100, modes.Sum(m => samples.Single(m)), 6);
    }

    [Fact]
    public void Sample_InterfaceDown_EmitsNetUpZero()
    {
        using var root = new FixtureRoot("debian12", "ifdown");
        Assert.Equal(0, root.Sample(FixtureRoot.Start).Single(MetricNames.NetUp, "eth0"));
    }

    [Fact]
    public void Sample_RealProcOfThisMachine_EmitsSaneValues()
    {
        var emitted = new List<EmittedSample>();
        var sampler = new HostSampler(new ProcFiles("/"), new SampleEmitter("self", new Dictionary<string, string>(), 1_000, new ListWriter(emitted)));
        sampler.Sample(DateTime.UtcNow);
        Thread.Sleep(200);
        emitted.Clear();
        sampler.Sample(DateTime.UtcNow);

        Assert.InRange(emitted.Single(MetricNames.CpuUtil), 0, 100);
        Assert.True(emitted.Single(MetricNames.MemTotal) > 0);
        // Inside a container "/" may be an overlay, which is skipped: check the filesystems there are.
        Assert.All(emitted.Where(s => s.Metric == MetricNames.FsUsedPercent), s => Assert.InRange(s.Value, 0, 100));
    }

    private sealed class ListWriter(List<EmittedSample> into) : IMetricWriter
    {
        public void Write(MetricBatch batch) =>
            into.AddRange(batch.points.Select(p => new EmittedSample(p.metric, p.tags.Values.SingleOrDefault(), p.value, p.kind, p.unit)));
    }
}
