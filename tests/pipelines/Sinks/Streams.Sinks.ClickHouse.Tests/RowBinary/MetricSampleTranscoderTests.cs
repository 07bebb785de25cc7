using Avro;
using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Serdes;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests.RowBinary;

[Collection(SinkPlatformGroup.Name)]
public sealed class MetricSampleTranscoderTests(SinkPlatformFixture platform)
{
    private const string Rows =
        "SELECT formatRow('TabSeparated', ts, host, metric, value, raw_value, unit, kind, mapSort(tags), source, interval_ms, gap, forward_filled, normalised) AS r FROM metrics_raw ORDER BY r";

    private static readonly DateTime MinTime = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime MaxTime = new(2299, 12, 31, 23, 59, 59, DateTimeKind.Utc);

    [Fact]
    public void WrittenFor_IsTheCanonicalFormOfMetricSample()
    {
        // Fails when MetricSample.avsc changes: the transcoder then needs the same change.
        Assert.Equal(MetricSampleTranscoder.WrittenFor, SchemaNormalization.ToParsingForm(MetricSample._SCHEMA));
    }

    [Fact]
    public async Task TryWrite_VariedSamples_SameRowsAsGenericPath()
    {
        var samples = new List<MetricSample>
        {
            MetricSampleWire.Sample(),
            MetricSampleWire.Sample(s => (s.rawValue, s.tags) = (12.5, new Dictionary<string, string>())),
            MetricSampleWire.Sample(s => s.tags = new Dictionary<string, string> { ["device"] = "sda", ["mode"] = "user", ["dc"] = "eu-1", ["role"] = "db" }),
            MetricSampleWire.Sample(s => (s.value, s.gap, s.rawValue) = (double.NaN, true, null)),
            MetricSampleWire.Sample(s => (s.value, s.rawValue, s.forwardFilled) = (-0.0, double.PositiveInfinity, true)),
            MetricSampleWire.Sample(s => (s.host, s.metric, s.unit) = ("hôte-ü-日本", "température.°C", "°C")),
            MetricSampleWire.Sample(s => s.tags = new Dictionary<string, string> { ["ключ"] = "значение 🚀", [string.Empty] = string.Empty }),
            MetricSampleWire.Sample(s => (s.timestamp, s.intervalMs) = (MinTime, 0)),
            MetricSampleWire.Sample(s => (s.timestamp, s.intervalMs) = (MaxTime, int.MaxValue)),
            MetricSampleWire.Sample(s => (s.host, s.unit) = (new string('h', 300), string.Empty)),
        };
        samples.AddRange(Enum.GetValues<MetricKind>().Select(kind => MetricSampleWire.Sample(s => (s.kind, s.metric) = (kind, "kind." + kind))));
        samples.AddRange(Enum.GetValues<MetricSource>().Select(source => MetricSampleWire.Sample(s => (s.source, s.metric) = (source, "source." + source))));
        var records = samples.ConvertAll(s => MetricSampleWire.Serialize(platform, s));
        var schemaId = MetricSampleWire.SchemaId(platform);
        records.Add(MetricSampleWire.Frame(schemaId, e => MetricSampleWire.WriteWithBlockedTags(e, 1_795_600_800_123, 15_000)));

        var generic = await InsertGenericAsync(records);
        var transcoded = await InsertTranscodedAsync(records);

        Assert.Equal(records.Count, generic.Count);
        Assert.Equal(generic, transcoded);
        Assert.Contains(transcoded, r => r.Contains("édge", StringComparison.Ordinal));
    }

    [Fact]
    public void TryWrite_EveryTruncation_FalseAndNothingWritten()
    {
        var body = MetricSampleWire.Serialize(platform, MetricSampleWire.Sample(s => s.rawValue = 1))[5..];
        using var output = new RowBinaryBuffer();

        for (var length = 0; length < body.Length; length++)
        {
            Assert.False(MetricSampleTranscoder.TryWrite(body.AsSpan(0, length), output));
        }

        Assert.False(MetricSampleTranscoder.TryWrite([.. body, 0], output));
        Assert.Equal(0, output.Length);
        Assert.True(MetricSampleTranscoder.TryWrite(body, output));
        Assert.Equal(1, output.Rows);
    }

    [Theory]
    [InlineData(-1, 10_000, 1)] // before 1900
    [InlineData(11_000_000_000_000, 10_000, 1)] // after 2299
    [InlineData(1_795_600_800_000, -5, 1)] // negative interval
    [InlineData(1_795_600_800_000, 10_000, 4)] // no such MetricKind
    public void TryWrite_ValueOutsideItsColumnOrSchema_FalseForTheGenericPath(long timestampMs, int intervalMs, int kind)
    {
        var wire = MetricSampleWire.Frame(7, e => MetricSampleWire.WriteWithBlockedTags(e, timestampMs == -1 ? -2_208_988_800_001 : timestampMs, intervalMs, kind));
        using var output = new RowBinaryBuffer();

        Assert.False(MetricSampleTranscoder.TryWrite(wire.AsSpan(5), output));
        Assert.Equal(0, output.Length);
    }

    private async Task<List<string>> InsertGenericAsync(List<byte[]> records)
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var mapper = new MetricSampleRows();
        var deserializer = new AvroWireDeserializer<MetricSample>(platform.RegistryClient);
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
        // Two buffers, to send a body made of several chunks.
        using var first = new RowBinaryBuffer();
        using var second = new RowBinaryBuffer();
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(MetricSampleTranscoder.TryWrite(records[i].AsSpan(5), i % 2 == 0 ? first : second));
        }

        await BatchInsert.InsertRowBinaryAsync(client, "metrics_raw", new MetricSampleRows().Columns, new OffsetRange(new TopicPartition(MetricSampleWire.Topic, 0), 0, records.Count - 1, 1),
            [first, second], compress: false, CancellationToken.None);
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
