using Avro;
using Avro.Generic;
using Avro.IO;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Schemas.Serdes;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.DeadLetters;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;
using Streams.Sinks.ClickHouse.Tests.RowBinary;
using Streams.Topology.DeadLetters;
using Streams.Topology.Serdes;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

[Collection(SinkPlatformGroup.Name)]
public sealed class MetricSampleEncoderTests(SinkPlatformFixture platform)
{
    [Fact]
    public async Task DecodeAsync_OtherWriterSchema_GenericPathWritesTheRow()
    {
        // A newer producer's schema with one more field: readable (resolution drops the field), not transcodable.
        var json = MetricSample._SCHEMA.ToString().Replace("\"fields\":[", "\"fields\":[{\"name\":\"site\",\"type\":\"string\",\"default\":\"\"},", StringComparison.Ordinal);
        var newer = (RecordSchema)Avro.Schema.Parse(json);
        var newerId = await platform.RegistryClient.RegisterSchemaAsync("encoder-newer-" + Guid.NewGuid().ToString("N"), new Confluent.SchemaRegistry.Schema(json, SchemaType.Avro));
        var sample = MetricSampleWire.Sample(s => s.rawValue = 3);
        var record = new GenericRecord(newer);
        foreach (var field in newer.Fields)
        {
            record.Add(field.Name, field.Name switch
            {
                "site" => "eu-west",
                "kind" => new GenericEnum((EnumSchema)field.Schema, sample.kind.ToString()),
                "source" => new GenericEnum((EnumSchema)field.Schema, sample.source.ToString()),
                _ => sample.Get(((RecordSchema)MetricSample._SCHEMA).Fields.Single(f => f.Name == field.Name).Pos),
            });
        }

        var wire = MetricSampleWire.Frame(newerId, e => new GenericDatumWriter<GenericRecord>(newer).Write(record, e));
        var current = MetricSampleWire.Serialize(platform, sample);
        var (encoder, schemas) = Encoder();

        var decoded = await encoder.DecodeAsync([MetricSampleWire.Record(wire, 0), MetricSampleWire.Record(current, 1)], CancellationToken.None);
        var rows = await InsertAsync(encoder, decoded);

        Assert.True(schemas.TryMatches(newerId, out var newerMatches));
        Assert.False(newerMatches);
        Assert.True(schemas.TryMatches(MetricSampleWire.SchemaId(platform), out var currentMatches));
        Assert.True(currentMatches);
        Assert.Empty(decoded.DeadLetters);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0], rows[1]);
    }

    [Fact]
    public async Task DecodeAsync_CleanBatchesAndOlderPerSampleRecords_OneRowPerPointEitherWay()
    {
        var sample = MetricSampleWire.Sample(s => s.tags = new Dictionary<string, string> { ["device"] = "sda", ["dc"] = "eu-1" });
        var batch = MetricBatchWire.Batch(sample);
        var (encoder, _) = Encoder();

        var decoded = await encoder.DecodeAsync(
            [MetricSampleWire.Record(MetricBatchWire.Serialize(platform, batch), 0), MetricSampleWire.Record(MetricSampleWire.Serialize(platform, sample), 1)], CancellationToken.None);
        var rows = await InsertAsync(encoder, decoded);

        Assert.Empty(decoded.DeadLetters);
        Assert.Equal(3, rows.Count);
        // The batch's first point is the sample, split into host and point tags: the same row twice.
        Assert.Single(rows.GroupBy(r => r), g => g.Count() == 2);
    }

    [Fact]
    public async Task DecodeAsync_UnwritableRecords_DeadLetteredAsTheGenericPathDoesRestWritten()
    {
        var id = MetricSampleWire.SchemaId(platform);
        var good = MetricSampleWire.Serialize(platform, MetricSampleWire.Sample());
        byte[]?[] values =
        [
            good,
            good[..20],
            MetricSampleWire.Serialize(platform, MetricSampleWire.Sample(s => s.timestamp = new DateTime(2400, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
            MetricSampleWire.Serialize(platform, MetricSampleWire.Sample(s => s.intervalMs = -5)),
            MetricSampleWire.Frame(id, e => MetricSampleWire.WriteWithBlockedTags(e, 1_795_600_800_000, 10_000)).SkipLast(1).ToArray(),
            [0, 0, 0, 0, 1],
            null,
            MetricSampleWire.Serialize(platform, MetricSampleWire.Sample(s => s.host = "web-2")),
        ];
        var records = values.Select((v, i) => MetricSampleWire.Record(v, i)).ToList();
        var (encoder, _) = Encoder();

        var decoded = await encoder.DecodeAsync(records, CancellationToken.None);
        var rows = await InsertAsync(encoder, decoded);
        var generic = new List<DeadLetter>();
        foreach (var record in records)
        {
            await GenericDecoder().AddAsync(record, [], generic, CancellationToken.None);
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], decoded.DeadLetters.Select(l => (int)l.Source.Offset.Value));
        Assert.Equal(generic, decoded.DeadLetters);
        Assert.Equal(
            [RejectReason.MalformedAvro, SinkRejectReason.UnwritableValue, SinkRejectReason.UnwritableValue, RejectReason.MalformedAvro, RejectReason.MalformedAvro, SinkRejectReason.EmptyValue],
            decoded.DeadLetters.Select(l => l.Reason));
        Assert.Contains("outside ClickHouse DateTime64's range", decoded.DeadLetters[1].Detail, StringComparison.Ordinal);
        Assert.Equal("intervalMs is -5; it must be 0..4294967295.", decoded.DeadLetters[2].Detail);
        Assert.Same(values[1], decoded.DeadLetters[0].Value);
    }

    private (MetricSampleEncoder Encoder, WriterSchemas Schemas) Encoder()
    {
        var schemas = new WriterSchemas(platform.RegistryClient, MetricSampleTranscoder.WrittenFor);
        var batches = new WriterSchemas(platform.RegistryClient, MetricBatchTranscoder.WrittenFor);
        return (new MetricSampleEncoder(schemas, batches, GenericDecoder(), Retry(), compress: false), schemas);
    }

    private RecordDecoder<MetricBatch> GenericDecoder() => new(new MetricBatchSerDes(platform.RegistryClient), new MetricBatchRows(), Retry());

    private static Retry Retry() => new(new SinkOptions(), NullLogger.Instance);

    private async Task<List<string>> InsertAsync(MetricSampleEncoder encoder, DecodedRecords<RowBinaryBuffer> decoded)
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        using var rows = decoded.Rows;
        await encoder.InsertAsync(client, new OffsetRange(new TopicPartition(MetricSampleWire.Topic, 0), 0, 9, 1), [rows], CancellationToken.None);
        using var reader = await client.ExecuteReaderAsync(
            "SELECT formatRow('TabSeparated', ts, host, metric, value, raw_value, unit, kind, mapSort(tags), source, interval_ms, gap, forward_filled, normalised) AS r FROM metrics_raw ORDER BY r");
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
