using io.streams.avro;
using Streams.Collectors.Publishing.Inbound;

namespace Streams.Collectors.Publishing.Tests.Inbound;

public sealed class MetricBatchBuilderTests
{
    private static readonly DateTime At = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PublishTo_SamplesOfSeveralHostsAndTimes_OneBatchPerHostAndTimeInFirstSeenOrder()
    {
        var builder = new MetricBatchBuilder();
        builder.Add(Sample("web-1", "cpu", 1, At));
        builder.Add(Sample("web-2", "cpu", 2, At));
        builder.Add(Sample("web-1", "mem", 3, At));
        builder.Add(Sample("web-1", "cpu", 4, At.AddSeconds(15)));
        var sink = new Collected();

        var published = builder.PublishTo(sink);

        Assert.Equal(3, published);
        Assert.Equal([("web-1", At, 2), ("web-2", At, 1), ("web-1", At.AddSeconds(15), 1)], sink.Batches.Select(b => (b.host, b.timestamp, b.points.Count)));
        Assert.Equal(["cpu", "mem"], sink.Batches[0].points.Select(p => p.metric));
        Assert.Equal([1d, 3d], sink.Batches[0].points.Select(p => p.value));
        Assert.Equal(0, builder.Points);
    }

    [Fact]
    public void Add_Sample_PointKeepsItsFieldsAndTagsAndTheBatchItsSourceAndInterval()
    {
        var builder = new MetricBatchBuilder();
        var sample = Sample("db-1", "disk.used", 2048, At);
        sample.rawValue = 2;
        sample.unit = "bytes";
        sample.kind = MetricKind.COUNTER;
        sample.intervalMs = 15_000;
        builder.Add(sample);
        var sink = new Collected();

        builder.PublishTo(sink);

        var batch = Assert.Single(sink.Batches);
        Assert.Equal((MetricSource.PROMETHEUS, 15_000), (batch.source, batch.intervalMs));
        Assert.Empty(batch.tags);
        var point = Assert.Single(batch.points);
        Assert.Equal((2048d, (double?)2, "bytes", MetricKind.COUNTER, (DateTime?)null), (point.value, point.rawValue, point.unit, point.kind, point.timestamp));
        Assert.Equal("sda", point.tags["device"]);
    }

    [Fact]
    public void PublishTo_AfterAPublish_StartsOver()
    {
        var builder = new MetricBatchBuilder();
        builder.Add(Sample("web-1", "cpu", 1, At));
        builder.PublishTo(new Collected());
        builder.Add(Sample("web-1", "cpu", 2, At));
        var sink = new Collected();

        builder.PublishTo(sink);

        Assert.Equal([2d], Assert.Single(sink.Batches).points.Select(p => p.value));
    }

    private static MetricSample Sample(string host, string metric, double value, DateTime at) => new()
    {
        host = host,
        metric = metric,
        value = value,
        timestamp = at,
        kind = MetricKind.GAUGE,
        tags = new Dictionary<string, string> { ["device"] = "sda" },
        source = MetricSource.PROMETHEUS,
    };

    private sealed class Collected : IInboundSink
    {
        public List<MetricBatch> Batches { get; } = [];

        public void Publish(MetricBatch batch) => Batches.Add(batch);

        public void Publish(LogRecord record) => throw new InvalidOperationException("no events expected");

        public void DeadLetter(InboundDeadLetter letter) => throw new InvalidOperationException("no dead letters expected");
    }
}
