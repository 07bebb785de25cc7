using Avro;
using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;
using Streams.Topology.Serdes;

namespace Streams.Sinks.ClickHouse.Tests.RowBinary;

[Collection(SinkPlatformGroup.Name)]
public sealed class MetricBatchTranscoderTests(SinkPlatformFixture platform)
{
    private const string Rows =
        "SELECT formatRow('TabSeparated', ts, host, metric, value, raw_value, unit, kind, mapSort(tags), source, interval_ms, gap, forward_filled, normalised) AS r FROM metrics_raw ORDER BY r";

    [Fact]
    public void WrittenFor_IsTheCanonicalFormOfMetricBatch()
    {
        // Fails when MetricBatch.avsc changes: the transcoder then needs the same change.
        Assert.Equal(MetricBatchTranscoder.WrittenFor, SchemaNormalization.ToParsingForm(MetricBatch._SCHEMA));
    }

    [Fact]
    public async Task TryWrite_VariedBatches_SameRowsAsGenericPath()
    {
        var batches = new List<MetricBatch>
        {
            MetricBatchWire.Batch(MetricSampleWire.Sample()),
            MetricBatchWire.Batch(MetricSampleWire.Sample(s => (s.rawValue, s.tags) = (12.5, new Dictionary<string, string> { ["dc"] = "eu-1", ["device"] = "sda", ["mode"] = "user" }))),
            MetricBatchWire.Batch(MetricSampleWire.Sample(s => (s.value, s.gap, s.rawValue, s.normalised) = (double.NaN, true, null, false))),
            MetricBatchWire.Batch(MetricSampleWire.Sample(s => (s.host, s.metric, s.unit, s.tags) = ("hôte-ü-日本", "température.°C", "°C", new Dictionary<string, string> { ["ключ"] = "значение 🚀" }))),
            MetricBatchWire.Batch(MetricSampleWire.Sample(s => (s.kind, s.source, s.intervalMs) = (MetricKind.RATE, MetricSource.SIMULATOR, 0))),
        };

        // A point tag overrides the host tag of the same key, in the host tag's place.
        var overridden = MetricBatchWire.Batch(MetricSampleWire.Sample());
        overridden.tags = new Dictionary<string, string> { ["dc"] = "eu-1", ["role"] = "db" };
        overridden.points[0].tags = new Dictionary<string, string> { ["role"] = "cache", ["device"] = "nvme0" };
        batches.Add(overridden);
        batches.Add(new MetricBatch { host = "empty", timestamp = MetricSampleWire.Sample().timestamp, points = [] });
        var records = batches.ConvertAll(b => MetricBatchWire.Serialize(platform, b));

        var generic = await InsertGenericAsync(records);
        var transcoded = await InsertTranscodedAsync(records);

        Assert.Equal(batches.Sum(b => b.points.Count), generic.Count);
        Assert.Equal(generic, transcoded);
        Assert.Contains(transcoded, r => r.Contains("'role':'cache'", StringComparison.Ordinal));
    }

    [Fact]
    public void TryWrite_EveryTruncation_FalseAndNothingWritten()
    {
        var body = MetricBatchWire.Serialize(platform, MetricBatchWire.Batch(MetricSampleWire.Sample(s => s.rawValue = 1)))[5..];
        using var output = new RowBinaryBuffer();

        for (var length = 0; length < body.Length; length++)
        {
            Assert.False(MetricBatchTranscoder.TryWrite(body.AsSpan(0, length), output));
        }

        Assert.False(MetricBatchTranscoder.TryWrite([.. body, 0], output));
        Assert.Equal(0, output.Length);
        Assert.True(MetricBatchTranscoder.TryWrite(body, output));
        Assert.Equal(2, output.Rows);
    }

    [Fact]
    public void TryWrite_PointTimeOutsideItsColumn_FalseForTheGenericPath()
    {
        var batch = MetricBatchWire.Batch(MetricSampleWire.Sample());
        batch.points[1].timestamp = new DateTime(2400, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var output = new RowBinaryBuffer();

        Assert.False(MetricBatchTranscoder.TryWrite(MetricBatchWire.Serialize(platform, batch).AsSpan(5), output));
        Assert.Equal(0, output.Length);
    }

    private async Task<List<string>> InsertGenericAsync(List<byte[]> records)
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var mapper = new MetricBatchRows();
        IDeserializer<MetricBatch> deserializer = new MetricBatchSerDes(platform.RegistryClient);
        var rows = new List<object[]>();
        var context = new SerializationContext(MessageComponentType.Value, MetricSampleWire.Topic);
        records.ForEach(r => mapper.AddRows(deserializer.Deserialize(r, false, context), rows));
        await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition(MetricSampleWire.Topic, 0), 0, records.Count - 1, 1), rows, CancellationToken.None);
        return await ReadRowsAsync(client);
    }

    private async Task<List<string>> InsertTranscodedAsync(List<byte[]> records)
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        using var output = new RowBinaryBuffer();
        records.ForEach(r => Assert.True(MetricBatchTranscoder.TryWrite(r.AsSpan(5), output)));
        await BatchInsert.InsertRowBinaryAsync(client, "metrics_raw", new MetricBatchRows().Columns, new OffsetRange(new TopicPartition(MetricSampleWire.Topic, 0), 0, records.Count - 1, 1),
            [output], compress: false, CancellationToken.None);
        return await ReadRowsAsync(client);
    }

    private static async Task<List<string>> ReadRowsAsync(ClickHouseClient client)
    {
        using var reader = await client.ExecuteReaderAsync(Rows);
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
