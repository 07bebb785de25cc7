using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics.Normalize;
using static Streams.Topology.Tests.Metrics.MetricsHarness;

namespace Streams.Topology.Tests.Metrics;

/// <summary>NormalizeMetrics on the batched contract: one clean batch per host batch, one state entry per host.</summary>
public sealed class NormalizeBatchTests : IDisposable
{
    private readonly MetricsHarness harness = new(window: false);

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Normalize_BatchOfMixedUnits_OneCleanBatchWithEveryPointInItsCanonicalUnit()
    {
        harness.PipeRaw(Batch(
            TimeSpan.Zero,
            points:
            [
                Point("disk.util", 55, "percent", tags: new Dictionary<string, string> { ["device"] = "sda" }),
                Point("mem.used", 2, "MiB"),
                Point("disk.latency", 250, "ms"),
                Point("cpu.user", 40),
            ]));

        var batch = Assert.Single(harness.ReadCleanBatches());
        Assert.True(batch.normalised);
        Assert.Equal("web-01", batch.host);
        Assert.Equal(T0, batch.timestamp);
        Assert.Equal(["disk.util", "mem.used", "disk.latency", "cpu.user"], batch.points.Select(p => p.metric));
        Assert.Equal([0.55, 2 * 1024 * 1024, 0.25, 0.4], batch.points.Select(p => Math.Round(p.value, 9)));
        Assert.Equal(["ratio", "bytes", "seconds", "ratio"], batch.points.Select(p => p.unit));
        Assert.Equal([55, 2, 250, 40], batch.points.Select(p => p.rawValue));
        Assert.All(batch.points, p => Assert.Null(p.timestamp));
        Assert.Equal("sda", batch.points[0].tags["device"]);
        Assert.Empty(harness.DeadLetter.ReadKeyValueList());
    }

    [Fact]
    public void Normalize_NewestBatchReplayed_SameCleanBatchByteForByteAndStateUnchanged()
    {
        // A restarted processor whose restored store already holds the batch: its first clean
        // batch may never have reached metrics.clean, so it goes out again, identical, for the
        // sink to pass over if it did. A counter's rate and a gap's forward fills included.
        var store = harness.Driver.GetKeyValueStore<string, HostSeriesState>(NormalizeMetrics.HostStoreName);
        harness.PipeRaw(
            Batch(TimeSpan.Zero, points: [Point("net.rx.bytes", 1000, "bytes", MetricKind.COUNTER), Point("cpu.user", 20, "percent")]),
            Batch(TimeSpan.FromSeconds(30), points: [Point("net.rx.bytes", 4000, "bytes", MetricKind.COUNTER), Point("cpu.user", 60, "percent")]));
        var before = store.Get("web-01").Series["cpu.user"];
        var first = harness.ReadCleanBatches();

        harness.PipeRaw(Batch(TimeSpan.FromSeconds(30), points: [Point("net.rx.bytes", 4000, "bytes", MetricKind.COUNTER), Point("cpu.user", 60, "percent")]));

        var again = Assert.Single(harness.ReadCleanBatches());
        Assert.Equal(harness.Bytes(first[^1]), harness.Bytes(again));
        Assert.Equal([100.0, 0.2, 0.2, 0.6], again.points.Select(p => Math.Round(p.value, 9)));
        Assert.Equal(2, again.points.Count(p => p.forwardFilled));
        var after = store.Get("web-01").Series["cpu.user"];
        Assert.Equal(before.Earlier, after.Earlier);
        Assert.Equal(before, after with { Earlier = before.Earlier });
    }

    [Fact]
    public void Normalize_Batches_KeepEverySeriesOfAHostInOneStoreEntry()
    {
        harness.PipeRaw(
            Batch(TimeSpan.Zero, points: [Point("cpu.user", 0.1, "ratio"), Point("mem.used", 10, "bytes")]),
            Batch(TimeSpan.Zero, host: "web-02", points: [Point("cpu.user", 0.2, "ratio")]));

        var store = harness.Driver.GetKeyValueStore<string, HostSeriesState>(NormalizeMetrics.HostStoreName);
        Assert.Equal(["cpu.user", "mem.used"], store.Get("web-01").Series.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cpu.user"], store.Get("web-02").Series.Keys);
    }

    [Fact]
    public void Normalize_CounterInBatches_FirstSetsTheBaselineThenRates()
    {
        harness.PipeRaw(
            Batch(TimeSpan.Zero, points: [Point("net.rx.bytes", 1000, "bytes", MetricKind.COUNTER), Point("cpu.user", 0.5, "ratio")]),
            Batch(TimeSpan.FromSeconds(10), points: [Point("net.rx.bytes", 6000, "bytes", MetricKind.COUNTER), Point("cpu.user", 0.5, "ratio")]),
            Batch(TimeSpan.FromSeconds(20), points: [Point("net.rx.bytes", 500, "bytes", MetricKind.COUNTER)]));

        var batches = harness.ReadCleanBatches();
        Assert.Equal(["cpu.user"], batches[0].points.Select(p => p.metric));
        var rates = batches.Skip(1).Select(b => b.points.Single(p => p.metric == "net.rx.bytes")).ToList();
        Assert.Equal([500.0, 50.0], rates.Select(p => p.value));
        Assert.All(rates, p => Assert.Equal((MetricKind.RATE, "bytes/s"), (p.kind, p.unit)));
    }

    [Fact]
    public void Normalize_BatchAfterASilence_CarriesFillsAndGapMarkersAtTheirOwnTimes()
    {
        harness.PipeRaw(
            Batch(TimeSpan.Zero, points: [Point("cpu.user", 0.2, "ratio"), Point("mem.used", 5, "bytes")]),
            Batch(TimeSpan.FromSeconds(30), points: [Point("cpu.user", 0.6, "ratio")]),
            Batch(TimeSpan.FromMinutes(5), points: [Point("cpu.user", 0.7, "ratio"), Point("mem.used", 6, "bytes")]));

        var batches = harness.ReadCleanBatches();
        var filled = batches[1].points;
        Assert.Equal([true, true, false], filled.Select(p => p.forwardFilled));
        Assert.Equal([T0.AddSeconds(10), T0.AddSeconds(20), (DateTime?)null], filled.Select(p => p.timestamp));
        var afterSilence = batches[2].points;
        var gaps = afterSilence.Where(p => p.gap).ToList();
        Assert.Equal(["cpu.user", "mem.used"], gaps.Select(p => p.metric));
        Assert.Equal([T0.AddSeconds(40), T0.AddSeconds(10)], gaps.Select(p => p.timestamp));
        Assert.All(gaps, p => Assert.True(double.IsNaN(p.value)));
        Assert.Equal([T0.AddSeconds(40), T0.AddMinutes(5), T0.AddSeconds(10), T0.AddMinutes(5)], batches[2].points.Select(p => p.timestamp ?? batches[2].timestamp));
    }

    [Fact]
    public void Normalize_LateBatch_IsPassedOnWithoutMovingTheSeriesBack()
    {
        harness.PipeRaw(
            Batch(TimeSpan.FromSeconds(30), points: [Point("cpu.user", 0.3, "ratio")]),
            Batch(TimeSpan.FromSeconds(20), points: [Point("cpu.user", 0.2, "ratio")]),
            Batch(TimeSpan.FromSeconds(40), points: [Point("cpu.user", 0.4, "ratio")]));

        var clean = harness.ReadClean();
        Assert.Equal([30.0, 20, 40], clean.Select(s => (s.timestamp - T0).TotalSeconds));
        Assert.DoesNotContain(clean, s => s.forwardFilled || s.gap);
        var store = harness.Driver.GetKeyValueStore<string, HostSeriesState>(NormalizeMetrics.HostStoreName);
        Assert.Equal((T0.AddSeconds(40) - DateTime.UnixEpoch).TotalMilliseconds, store.Get("web-01").Series["cpu.user"].LastTimestamp);
    }

    [Fact]
    public void Normalize_BatchWithABadPoint_DeadLettersThatPointAloneWithItsReasonAndTheRestGoesOn()
    {
        var batch = Batch(
            TimeSpan.Zero,
            points: [Point("cpu.user", 0.5, "ratio"), Point("mem.used", 1, "furlongs"), Point("disk.util", 150, "percent"), Point("load.1m", 2)]);
        batch.tags = new Dictionary<string, string> { ["role"] = "db" };

        harness.PipeRaw(batch);

        var clean = Assert.Single(harness.ReadCleanBatches());
        Assert.Equal(["cpu.user", "load.1m"], clean.points.Select(p => p.metric));
        var dead = harness.DeadLetter.ReadKeyValueList().ToList();
        Assert.Equal([RejectReason.UnknownUnit, RejectReason.OutOfRange], dead.Select(d => Header(d.Message.Headers, DeadLetterHeaders.Reason)));
        Assert.Contains("furlongs", Header(dead[0].Message.Headers, DeadLetterHeaders.Detail), StringComparison.Ordinal);
        Assert.All(dead, d => Assert.Equal(TopicCatalogue.MetricsRaw.Name, d.Message.Key));

        // The value is the refused point alone, as a per-sample record normalize accepts again.
        var point = harness.Samples.Deserialize(dead[0].Message.Value, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name));
        Assert.Equal(("web-01", "mem.used", 1.0, "furlongs", T0), (point.host, point.metric, point.value, point.unit, point.timestamp));
        Assert.Equal("db", point.tags["role"]);
    }

    [Fact]
    public void Normalize_BatchWithoutHost_IsOneDeadLetterWithTheOriginalBytes()
    {
        var batch = Batch(TimeSpan.Zero, host: " ", points: [Point("cpu.user", 0.5, "ratio")]);
        var bytes = harness.Bytes(batch);

        harness.RawBytes.PipeInput("x", bytes);

        Assert.Empty(harness.ReadCleanBatches());
        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(RejectReason.MissingIdentity, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Equal(bytes, dead.Message.Value);
    }

    [Fact]
    public void Normalize_PerSampleRecordAndBatch_AreTheSameSeriesWithOneState()
    {
        var sample = Sample("net.rx.bytes", 1000, TimeSpan.Zero, unit: "bytes", kind: MetricKind.COUNTER);
        sample.tags = new Dictionary<string, string> { ["interface"] = "eth0", ["role"] = "db" };
        var batch = Batch(TimeSpan.FromSeconds(10), points: [Point("net.rx.bytes", 3000, "bytes", MetricKind.COUNTER, new Dictionary<string, string> { ["interface"] = "eth0" })]);
        batch.tags = new Dictionary<string, string> { ["role"] = "db" };

        harness.PipeRaw(sample);
        harness.PipeRaw(batch);

        var rate = Assert.Single(harness.ReadClean());
        Assert.Equal(200, rate.value);
        Assert.Equal(new Dictionary<string, string> { ["interface"] = "eth0", ["role"] = "db" }, rate.tags);
    }

    [Fact]
    public void Normalize_AnotherRecordTypeOnMetricsRaw_IsDeadLetteredNamingIt()
    {
        var logs = new Streams.Topology.Serdes.SchemaAvroSerDes<LogRecord>(harness.Registry);
        var bytes = logs.Serialize(
            new LogRecord { host = "web-01", app = "sshd", message = "hello", timestamp = T0, receivedAt = T0 },
            new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name + "-other"));

        harness.RawBytes.PipeInput("web-01", bytes);

        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(RejectReason.MalformedAvro, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Contains("io.streams.avro.LogRecord", Header(dead.Message.Headers, DeadLetterHeaders.Detail), StringComparison.Ordinal);
    }

    private static string Header(Headers headers, string key) =>
        headers.TryGetLastBytes(key, out var value) ? Encoding.UTF8.GetString(value) : "";
}
