using System.Buffers.Binary;
using Avro.IO;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Schemas.Serdes;

namespace Streams.Sinks.ClickHouse.Tests.RowBinary;

/// <summary>MetricSample records as Confluent wire bytes, from the serializer or written field by field (to shape what the serializer never writes).</summary>
internal static class MetricSampleWire
{
    public const string Topic = "transcoder.MetricSample";

    public static byte[] Serialize(SinkPlatformFixture platform, MetricSample sample) =>
        new AvroWireSerializer<MetricSample>(platform.RegistryClient).Serialize(sample, new SerializationContext(MessageComponentType.Value, Topic));

    /// <summary>The registry id MetricSample's schema has.</summary>
    public static int SchemaId(SinkPlatformFixture platform) => BinaryPrimitives.ReadInt32BigEndian(Serialize(platform, Sample()).AsSpan(1));

    /// <summary>A framed body written by <paramref name="write"/> under <paramref name="schemaId"/>.</summary>
    public static byte[] Frame(int schemaId, Action<BinaryEncoder> write)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0);
        Span<byte> id = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(id, schemaId);
        stream.Write(id);
        write(new BinaryEncoder(stream));
        return stream.ToArray();
    }

    /// <summary>
    /// A sample's fields in schema order, with the tags in two map blocks that carry negative
    /// counts and their byte sizes (allowed by the Avro spec, never written by Apache.Avro).
    /// </summary>
    public static void WriteWithBlockedTags(BinaryEncoder encoder, long timestampMs, int intervalMs, int kind = 1)
    {
        encoder.WriteString("blocked-host");
        encoder.WriteString("net.rx.bytes");
        encoder.WriteDouble(42.5);
        encoder.WriteUnionIndex(1);
        encoder.WriteDouble(340);
        encoder.WriteString("bytes/s");
        encoder.WriteEnum(kind);
        encoder.WriteLong(timestampMs);
        WriteBlock(encoder, ("interface", "eth0"), ("dc", "eu-1"));
        WriteBlock(encoder, ("role", "édge"));
        encoder.WriteLong(0);
        encoder.WriteEnum(2);
        encoder.WriteInt(intervalMs);
        encoder.WriteBoolean(false);
        encoder.WriteBoolean(true);
        encoder.WriteBoolean(true);
    }

    public static MetricSample Sample(Action<MetricSample>? change = null)
    {
        var sample = new MetricSample
        {
            host = "web-1", metric = "cpu.user", value = 0.5, unit = "ratio", kind = MetricKind.GAUGE,
            timestamp = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), tags = new Dictionary<string, string> { ["dc"] = "eu-1" },
            source = MetricSource.AGENT, intervalMs = 10_000, normalised = true,
        };
        change?.Invoke(sample);
        return sample;
    }

    public static ConsumeResult<Ignore, byte[]?> Record(byte[]? value, long offset) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(Topic, 0, offset),
        Message = new Message<Ignore, byte[]?> { Value = value, Timestamp = new Timestamp(1_764_061_200_000, TimestampType.CreateTime) },
    };

    private static void WriteBlock(BinaryEncoder encoder, params (string Key, string Value)[] entries)
    {
        using var block = new MemoryStream();
        var inner = new BinaryEncoder(block);
        foreach (var (key, value) in entries)
        {
            inner.WriteString(key);
            inner.WriteString(value);
        }

        encoder.WriteLong(-entries.Length);
        encoder.WriteLong(block.Length);
        encoder.WriteFixed(block.ToArray());
    }
}
