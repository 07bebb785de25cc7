using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using io.streams.avro;
using RegistrySchema = Confluent.SchemaRegistry.Schema;

namespace Streams.Schemas.Serdes.Tests;

public sealed class AvroWireSerdesTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly AvroSerializerConfig TopicSubjects = new() { SubjectNameStrategy = SubjectNameStrategy.Topic };

    [Fact]
    public async Task Serialize_SameRecord_IsByteForByteWhatConfluentsSerializerWrites()
    {
        var context = Value("identical");
        var sample = Sample();

        var ours = new AvroWireSerializer<MetricSample>(registry.Client).Serialize(sample, context);
        var theirs = await new AvroSerializer<MetricSample>(registry.Client, TopicSubjects).SerializeAsync(sample, context);

        Assert.Equal(theirs, ours);
        Assert.Equal(0, ours[0]);
    }

    [Fact]
    public async Task Deserialize_WhatEitherSideWrote_ReadsBackEqual()
    {
        var context = Value("crosswise");
        var sample = Sample();
        var ours = new AvroWireSerializer<MetricSample>(registry.Client).Serialize(sample, context);

        var readByConfluent = await new AvroDeserializer<MetricSample>(registry.Client, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Topic }).DeserializeAsync(ours, isNull: false, context);
        var readByUs = new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(ours, isNull: false, context);

        foreach (var read in new[] { readByConfluent, readByUs })
        {
            Assert.Equal(sample.host, read.host);
            Assert.Equal(sample.value, read.value);
            Assert.Equal(sample.rawValue, read.rawValue);
            Assert.Equal(sample.timestamp, read.timestamp);
            Assert.Equal(sample.tags, read.tags);
            Assert.Equal(sample.kind, read.kind);
        }
    }

    [Fact]
    public async Task Deserialize_RecordWrittenWithAnOlderSchema_FillsTheNewFieldsWithTheirDefaults()
    {
        var context = Value("evolution");
        var older = (RecordSchema)Avro.Schema.Parse("""
            {"type":"record","name":"MetricSample","namespace":"io.streams.avro","fields":[
              {"name":"host","type":"string"},{"name":"metric","type":"string"},{"name":"value","type":"double"},
              {"name":"timestamp","type":{"type":"long","logicalType":"timestamp-millis"}}]}
            """);
        var record = new GenericRecord(older);
        record.Add("host", "db-7");
        record.Add("metric", "mem.used");
        record.Add("value", 0.5);
        record.Add("timestamp", new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
        var bytes = await new AvroSerializer<GenericRecord>(registry.Client, TopicSubjects).SerializeAsync(record, context);

        var read = new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(bytes, isNull: false, context);

        Assert.Equal("db-7", read.host);
        Assert.Equal(0.5, read.value);
        Assert.Null(read.rawValue);
        Assert.Empty(read.tags);
        Assert.False(read.gap);
        Assert.Equal(MetricKind.GAUGE, read.kind);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, "fewer than the 5-byte Confluent header")]
    [InlineData(new byte[] { 7, 0, 0, 0, 1, 2, 3 }, "magic byte is 7")]
    [InlineData(new byte[] { 0, 0x7F, 0, 0, 0, 2 }, "is not in the registry")]
    public void Deserialize_MalformedPayload_ThrowsInvalidDataSayingWhy(byte[] payload, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(payload, isNull: false, Value("malformed")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("'malformed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TruncatedBody_ThrowsInvalidData()
    {
        var context = Value("truncated");
        var whole = new AvroWireSerializer<MetricSample>(registry.Client).Serialize(Sample(), context);

        var deserializer = new AvroWireDeserializer<MetricSample>(registry.Client);

        var truncated = Assert.Throws<InvalidDataException>(() => deserializer.Deserialize(whole.AsSpan(0, 12), isNull: false, context));
        var headerOnly = Assert.Throws<InvalidDataException>(() => deserializer.Deserialize(whole.AsSpan(0, 5), isNull: false, context));

        Assert.Contains("does not match schema id", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("the 5-byte body", headerOnly.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EnumIndexOutOfRange_ThrowsInvalidDataNotAnUndefinedValue()
    {
        // Apache.Avro casts an enum index unchecked when writer and reader schemas are equal;
        // the byte that differs between a GAUGE and a COUNTER sample is the kind's index.
        var context = Value("enum-range");
        var serializer = new AvroWireSerializer<MetricSample>(registry.Client);
        var gauge = serializer.Serialize(Sample(), context);
        var counter = Sample();
        counter.kind = MetricKind.COUNTER;
        var index = Enumerable.Range(0, gauge.Length).Single(i => gauge[i] != serializer.Serialize(counter, context)[i]);
        gauge[index] = 9 << 1; // zigzag varint of 9; MetricKind has 4 symbols

        var error = Assert.Throws<InvalidDataException>(() =>
            new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(gauge, isNull: false, context));

        Assert.Contains("index 9 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnionBranchOutOfRange_ThrowsInvalidData()
    {
        // rawValue is ["null","double"]; Apache.Avro indexes its branch table with the number it reads, unchecked (tests/fuzz).
        var context = Value("union-range");
        var sample = Sample();
        sample.host = "h";
        sample.metric = "m";
        var bytes = new AvroWireSerializer<MetricSample>(registry.Client).Serialize(sample, context);
        var rawValueBranch = WireFormatHeader + 2 + 2 + 8;
        Assert.Equal(2, bytes[rawValueBranch]); // zigzag of branch 1, the double
        bytes[rawValueBranch] = 7 << 1;

        Assert.Throws<InvalidDataException>(() => new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(bytes, isNull: false, context));
    }

    [Fact]
    public void Deserialize_StringLengthBeyondTheBody_ThrowsInvalidDataWithoutAllocatingIt()
    {
        // host's length says 1 GiB; Apache.Avro alone would allocate it before finding the body short (tests/fuzz).
        var context = Value("huge-length");
        var bytes = new AvroWireSerializer<MetricSample>(registry.Client).Serialize(Sample(), context);
        byte[] huge = [.. bytes[..WireFormatHeader], 0x80, 0x80, 0x80, 0x80, 0x08, .. bytes[(WireFormatHeader + 1)..]];
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<InvalidDataException>(() => new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(huge, isNull: false, context));

        Assert.Contains("string length 1073741824", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the announced length must not be allocated");
    }

    [Fact]
    public async Task Deserialize_SchemaIdOfAnotherRecord_ThrowsInvalidData()
    {
        var id = await registry.Client.RegisterSchemaAsync("other-value", new RegistrySchema(new LogRecord().Schema.ToString(), SchemaType.Avro));
        byte[] payload = [0, 0, 0, 0, (byte)id, 0];

        var error = Assert.Throws<InvalidDataException>(() =>
            new AvroWireDeserializer<MetricSample>(registry.Client).Deserialize(payload, isNull: false, Value("other")));

        Assert.Contains("io.streams.avro.LogRecord", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serialize_RecordSubjects_PutsASecondRecordTypeBesideTheTopicsValueSubject()
    {
        var context = Value("two-records");
        new AvroWireSerializer<MetricSample>(registry.Client).Serialize(Sample(), context);
        var batch = new MetricBatch { host = "web-1", timestamp = Sample().timestamp, points = [new MetricPoint { metric = "cpu.user", value = 0.4 }] };

        var ours = new AvroWireSerializer<MetricBatch>(registry.Client, recordSubjects: true).Serialize(batch, context);
        var theirs = await new AvroSerializer<MetricBatch>(registry.Client, new AvroSerializerConfig { SubjectNameStrategy = SubjectNameStrategy.TopicRecord }).SerializeAsync(batch, context);

        Assert.Equal(theirs, ours);
        Assert.Contains("two-records-io.streams.avro.MetricBatch", await registry.Client.GetAllSubjectsAsync());
        Assert.Equal(0.4, new AvroWireDeserializer<MetricBatch>(registry.Client).Deserialize(ours, isNull: false, context).points[0].value);
    }

    [Fact]
    public void Serialize_WithoutAutoRegisterAndUnknownSubject_FailsWithTheRegistrysError()
    {
        var serializer = new AvroWireSerializer<MetricSample>(registry.Client, autoRegister: false);

        var error = Assert.Throws<SchemaRegistryException>(() => serializer.Serialize(Sample(), Value("never-registered")));

        Assert.Equal(40401, error.ErrorCode);
    }

    private const int WireFormatHeader = 5;

    private static SerializationContext Value(string topic) => new(MessageComponentType.Value, topic);

    private static MetricSample Sample() => new()
    {
        host = "web-1",
        metric = "cpu.user",
        value = 0.42,
        rawValue = 42,
        unit = "ratio",
        kind = MetricKind.GAUGE,
        timestamp = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
        tags = new Dictionary<string, string> { ["dc"] = "eu-1" },
        intervalMs = 10_000,
    };
}
