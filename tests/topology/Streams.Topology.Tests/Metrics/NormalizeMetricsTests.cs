using System.Text;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics.Normalize;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

public sealed class NormalizeMetricsTests : IDisposable
{
    private readonly MetricsHarness harness = new(window: false);

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Normalize_PercentGauge_BecomesRatioWithRawValueKept()
    {
        harness.PipeRaw(Sample("disk.util", 55, TimeSpan.Zero, unit: "percent"));

        var clean = Assert.Single(harness.ReadClean());
        Assert.Equal(0.55, clean.value, 12);
        Assert.Equal(55, clean.rawValue);
        Assert.Equal("ratio", clean.unit);
        Assert.True(clean.normalised);
        Assert.False(clean.gap || clean.forwardFilled);
    }

    [Fact]
    public void Normalize_ValueAlreadyCanonical_HasNoRawValue()
    {
        harness.PipeRaw(Sample("mem.used", 4096, TimeSpan.Zero, unit: "bytes"));

        var clean = Assert.Single(harness.ReadClean());
        Assert.Equal(4096, clean.value);
        Assert.Null(clean.rawValue);
    }

    [Fact]
    public void Normalize_ByteMultiplesAndMilliseconds_BecomeBytesAndSeconds()
    {
        harness.PipeRaw(
            Sample("mem.used", 2, TimeSpan.Zero, unit: "MiB"),
            Sample("disk.latency", 250, TimeSpan.Zero, unit: "ms"));

        var clean = harness.ReadClean();
        Assert.Equal((2.0 * 1024 * 1024, "bytes"), (clean[0].value, clean[0].unit));
        Assert.Equal((0.25, "seconds"), (clean[1].value, clean[1].unit));
    }

    [Fact]
    public void Normalize_UnlabelledUtilisationOnHundredScale_IsDividedForTheWholeSeries()
    {
        harness.PipeRaw(
            Sample("cpu.user", 40, TimeSpan.Zero),
            Sample("cpu.user", 1, TimeSpan.FromSeconds(10)),
            Sample("cpu.system", 0.3, TimeSpan.Zero));

        var clean = harness.ReadClean();
        Assert.Equal(0.40, clean[0].value, 12);
        // 1 on a series already known to be 0..100 is 1 %, not 100 %.
        Assert.Equal(0.01, clean[1].value, 12);
        Assert.Equal(0.3, clean[2].value, 12);
        Assert.All(clean, c => Assert.Equal("ratio", c.unit));
    }

    public static TheoryData<string, MetricSample> Rejects => new()
    {
        { RejectReason.NonFiniteValue, Sample("cpu.user", double.NaN, TimeSpan.Zero, unit: "ratio") },
        { RejectReason.NonFiniteValue, Sample("cpu.user", double.PositiveInfinity, TimeSpan.Zero, unit: "ratio") },
        { RejectReason.OutOfRange, Sample("cpu.user", 150, TimeSpan.Zero, unit: "percent") },
        { RejectReason.OutOfRange, Sample("mem.used", -1, TimeSpan.Zero, unit: "bytes") },
        { RejectReason.UnknownUnit, Sample("mem.used", 1, TimeSpan.Zero, unit: "furlongs") },
        { RejectReason.TimestampInFuture, Sample("cpu.user", 0.5, TimeSpan.FromHours(2), unit: "ratio") },
        { RejectReason.TimestampTooOld, Sample("cpu.user", 0.5, -TimeSpan.FromDays(30), unit: "ratio") },
        { RejectReason.MissingIdentity, Sample("", 0.5, TimeSpan.Zero, unit: "ratio") },
    };

    [Theory]
    [MemberData(nameof(Rejects))]
    public void Normalize_InvalidSample_GoesToDeadLetterWithReasonSourceAndOriginalBytes(string reason, MetricSample sample)
    {
        var bytes = harness.Bytes(sample);

        harness.RawBytes.PipeInput(sample.host, bytes);

        Assert.Empty(harness.ReadClean());
        var dead = harness.DeadLetter.ReadKeyValue();
        Assert.Equal(TopicCatalogue.MetricsRaw.Name, dead.Message.Key);
        Assert.Equal(bytes, dead.Message.Value);
        Assert.Equal(reason, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Equal(NormalizeMetrics.StageName, Header(dead.Message.Headers, DeadLetterHeaders.Stage));
        Assert.Equal(TopicCatalogue.MetricsRaw.Name, Header(dead.Message.Headers, DeadLetterHeaders.SourceTopic));
        Assert.Equal("0", Header(dead.Message.Headers, DeadLetterHeaders.SourcePartition));
        Assert.Equal("0", Header(dead.Message.Headers, DeadLetterHeaders.SourceOffset));
        Assert.False(string.IsNullOrWhiteSpace(Header(dead.Message.Headers, DeadLetterHeaders.Detail)));
    }

    [Fact]
    public void Normalize_MalformedAvro_GoesToDeadLetterAndTheNextRecordStillFlows()
    {
        byte[] garbage = [0x7b, 0x22, 0x68, 0x6f, 0x73, 0x74];
        harness.RawBytes.PipeInput("web-01", garbage);
        harness.PipeRaw(Sample("cpu.user", 0.5, TimeSpan.Zero, unit: "ratio"));

        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(garbage, dead.Message.Value);
        Assert.Equal(RejectReason.MalformedAvro, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Contains("Confluent Avro wire format", Header(dead.Message.Headers, DeadLetterHeaders.Detail), StringComparison.Ordinal);
        Assert.Equal(0.5, Assert.Single(harness.ReadClean()).value);
    }

    [Fact]
    public void Normalize_Counter_BecomesRateAndFirstReadingOnlySetsTheBaseline()
    {
        harness.PipeRaw(
            Sample("net.rx.bytes", 1000, TimeSpan.Zero, unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 6000, TimeSpan.FromSeconds(10), unit: "bytes", kind: MetricKind.COUNTER));

        var rate = Assert.Single(harness.ReadClean());
        Assert.Equal(500, rate.value, 9);
        Assert.Equal(6000, rate.rawValue);
        Assert.Equal("bytes/s", rate.unit);
        Assert.Equal(MetricKind.RATE, rate.kind);
    }

    [Fact]
    public void Normalize_CounterReset_CountsFromZeroInsteadOfANegativeRate()
    {
        harness.PipeRaw(
            Sample("net.rx.bytes", 1_000_000, TimeSpan.Zero, unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 1_002_000, TimeSpan.FromSeconds(10), unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 300, TimeSpan.FromSeconds(20), unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 1300, TimeSpan.FromSeconds(30), unit: "bytes", kind: MetricKind.COUNTER));

        var rates = harness.ReadClean().Select(c => c.value).ToList();
        Assert.Equal([200.0, 30.0, 100.0], rates);
    }

    [Fact]
    public void Normalize_CounterDuplicateAndOutOfOrder_DuplicatePassedOnAgainUnchangedOlderReadingRejected()
    {
        harness.PipeRaw(
            Sample("net.rx.bytes", 1000, TimeSpan.Zero, unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 2000, TimeSpan.FromSeconds(10), unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 2000, TimeSpan.FromSeconds(10), unit: "bytes", kind: MetricKind.COUNTER),
            Sample("net.rx.bytes", 1500, TimeSpan.FromSeconds(5), unit: "bytes", kind: MetricKind.COUNTER));

        // The same rate again, not a rate of 0 over no time: downstream recognises the repeat.
        var clean = harness.ReadClean();
        Assert.Equal([(100.0, 2000.0), (100.0, 2000.0)], clean.Select(c => (c.value, c.rawValue!.Value)));
        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(RejectReason.OutOfOrderCounter, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
    }

    [Fact]
    public void Normalize_LevelRepeatedThenOlder_RepeatPassedOnAgainOlderPassedOnOnce()
    {
        // A replay after a crash repeats the newest reading, whose first output may not have
        // reached the topic: it goes out again, the same. A late one is still worth placing.
        harness.PipeRaw(
            Sample("cpu.user", 0.2, TimeSpan.Zero, unit: "ratio"),
            Sample("cpu.user", 0.4, TimeSpan.FromSeconds(10), unit: "ratio"),
            Sample("cpu.user", 0.4, TimeSpan.FromSeconds(10), unit: "ratio"),
            Sample("cpu.user", 0.3, TimeSpan.FromSeconds(5), unit: "ratio"),
            Sample("cpu.user", 0.3, TimeSpan.FromSeconds(5), unit: "ratio"));

        Assert.Equal([(0, 0.2), (10, 0.4), (10, 0.4), (5, 0.3)], harness.ReadClean().Select(c => ((c.timestamp - T0).TotalSeconds, c.value)));
        Assert.Empty(harness.DeadLetter.ReadKeyValueList());
    }

    [Fact]
    public void Normalize_OlderReadingsReplayed_PassedOnOnceAndALateOneStillPlaced()
    {
        // A processor fenced in a rebalance, or restarted while it caught up on a backlog,
        // replays several collection steps of a host: each older reading comes out once (its
        // output was flushed long before), the newest again (it may not have been).
        int[] seconds = [0, 10, 20, 30, 10, 20, 25, 25, 30];
        harness.PipeRaw([.. seconds.Select(s => Sample("cpu.user", 0.2, TimeSpan.FromSeconds(s), unit: "ratio"))]);

        Assert.Equal([0, 10, 20, 30, 25, 30], harness.ReadClean().Select(c => (c.timestamp - T0).TotalSeconds));
        Assert.Empty(harness.DeadLetter.ReadKeyValueList());
    }

    [Fact]
    public void Normalize_CounterReadingsReplayed_DroppedNotDeadLettered()
    {
        int[] seconds = [0, 10, 20, 30, 10, 20];
        harness.PipeRaw([.. seconds.Select(s => Sample("net.rx.bytes", 1000 * (s + 1), TimeSpan.FromSeconds(s), unit: "bytes", kind: MetricKind.COUNTER))]);

        Assert.Equal([10, 20, 30], harness.ReadClean().Select(c => (c.timestamp - T0).TotalSeconds));
        Assert.Empty(harness.DeadLetter.ReadKeyValueList());
    }

    [Fact]
    public void Normalize_ShortGap_IsForwardFilledAndFlagged()
    {
        harness.PipeRaw(
            Sample("cpu.user", 0.2, TimeSpan.Zero, unit: "ratio"),
            Sample("cpu.user", 0.6, TimeSpan.FromSeconds(30), unit: "ratio"));

        var clean = harness.ReadClean();
        Assert.Equal(4, clean.Count);
        Assert.Equal([false, true, true, false], clean.Select(c => c.forwardFilled));
        Assert.Equal([0.2, 0.2, 0.2, 0.6], clean.Select(c => c.value));
        Assert.Equal([0, 10, 20, 30], clean.Select(c => (c.timestamp - T0).TotalSeconds));
        Assert.All(clean, c => Assert.False(c.gap));
    }

    [Fact]
    public void Normalize_LongGap_GetsOneGapMarkerNotZeros()
    {
        harness.PipeRaw(
            Sample("cpu.user", 0.2, TimeSpan.Zero, unit: "ratio"),
            Sample("cpu.user", 0.6, TimeSpan.FromMinutes(5), unit: "ratio"));

        var clean = harness.ReadClean();
        Assert.Equal(3, clean.Count);
        var gap = clean[1];
        Assert.True(gap.gap);
        Assert.True(double.IsNaN(gap.value));
        Assert.Equal(TimeSpan.FromSeconds(10), gap.timestamp - T0);
        Assert.DoesNotContain(clean, c => c.value == 0);
    }

    [Fact]
    public void Normalize_UnknownInterval_IsLearnedFromSpacingThenGapsAreSeen()
    {
        var at = new[] { 0, 5, 10, 15, 30 };
        harness.PipeRaw([.. at.Select(s => Sample("load.1m", 1, TimeSpan.FromSeconds(s), intervalMs: 0))]);

        var clean = harness.ReadClean();
        Assert.Equal(2, clean.Count(c => c.forwardFilled));
        Assert.Equal([20.0, 25.0], clean.Where(c => c.forwardFilled).Select(c => (c.timestamp - T0).TotalSeconds));
    }

    [Fact]
    public void Normalize_Spike_DoesNotShiftTheRunningStatistics()
    {
        var values = Enumerable.Range(0, 40).Select(i => 100 + (i % 5)).Select(v => (double)v).ToList();
        harness.PipeRaw([.. values.Select((v, i) => Sample("disk.latency", v, TimeSpan.FromSeconds(10 * i), unit: "seconds"))]);
        var before = Stats();

        harness.PipeRaw(Sample("disk.latency", 1_000_000, TimeSpan.FromSeconds(400), unit: "seconds"));
        var after = Stats();

        // A plain mean would jump by 1e6 * 0.05 = 50,000; the winsorised update moves it by less than 1 stddev.
        Assert.InRange(after.Mean - before.Mean, 0, before.StdDev);
        Assert.InRange(after.StdDev, 0, before.StdDev * 2);
        Assert.Equal(before.Winsorised + 1, after.Winsorised);
        // The spike itself is passed on untouched: normalisation must not hide it from the scorer.
        Assert.Equal(1_000_000, harness.ReadClean()[^1].value);
    }

    private RobustStats Stats()
    {
        var store = harness.Driver.GetKeyValueStore<string, HostSeriesState>(NormalizeMetrics.HostStoreName);
        return store.Get("web-01").Series["disk.latency"].Stats;
    }

    private static string? Header(Confluent.Kafka.Headers headers, string key) =>
        headers.TryGetLastBytes(key, out var value) ? Encoding.UTF8.GetString(value) : null;
}
