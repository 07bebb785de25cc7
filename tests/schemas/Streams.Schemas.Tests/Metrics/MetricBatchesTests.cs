using io.streams.avro;
using Streams.Schemas.Metrics;

namespace Streams.Schemas.Tests.Metrics;

public sealed class MetricBatchesTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void FromSample_ThenToSample_IsTheSameSample()
    {
        var sample = (MetricSample)SampleRecords.All["MetricSample"];

        var batch = MetricBatches.FromSample(sample);

        Assert.Single(batch.points);
        RecordAssert.Equal(sample, MetricBatches.ToSample(batch, batch.points[0]));
    }

    [Fact]
    public void ToSamples_PointTagsOverlayHostTagsAndTimesFallBackToTheBatch()
    {
        var batch = new MetricBatch
        {
            host = "db-1",
            timestamp = T0,
            source = MetricSource.AGENT,
            intervalMs = 10_000,
            tags = new Dictionary<string, string> { ["role"] = "db", ["device"] = "host-default" },
            points =
            [
                new MetricPoint { metric = "disk.util", value = 0.5, tags = new Dictionary<string, string> { ["device"] = "sda" } },
                new MetricPoint { metric = "cpu.user", value = 0.2, timestamp = T0.AddSeconds(-10), forwardFilled = true },
            ],
        };

        var samples = MetricBatches.ToSamples(batch).ToList();

        Assert.Equal(new Dictionary<string, string> { ["role"] = "db", ["device"] = "sda" }, samples[0].tags);
        Assert.Equal(batch.tags, samples[1].tags);
        Assert.Equal([T0, T0.AddSeconds(-10)], samples.Select(s => s.timestamp));
        Assert.All(samples, s => Assert.Equal(("db-1", MetricSource.AGENT, 10_000), (s.host, s.source, s.intervalMs)));
        Assert.True(samples[1].forwardFilled);
        Assert.Equal("host-default", batch.tags["device"]);
    }

    [Fact]
    public void MetricPoint_HasEveryPerSeriesFieldOfMetricSample()
    {
        // A field added to MetricSample for a series must reach the batch too, or the batched
        // path silently drops it; batch-level fields (host, time, source, interval) are said once.
        string[] batchLevel = ["host", "timestamp", "source", "intervalMs", "normalised"];
        var sample = AvroSchemas.Get("MetricSample").Fields.Select(f => f.Name).Except(batchLevel);
        var point = ((Avro.RecordSchema)((Avro.ArraySchema)AvroSchemas.Get("MetricBatch")["points"].Schema).ItemSchema).Fields.Select(f => f.Name);

        Assert.Equal([], sample.Except(point));
        Assert.Equal([], batchLevel.Except(AvroSchemas.Get("MetricBatch").Fields.Select(f => f.Name)));
    }
}
