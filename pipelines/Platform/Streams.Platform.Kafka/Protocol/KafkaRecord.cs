namespace Streams.Platform.Kafka.Protocol;

/// <summary>One record of a v2 batch with its absolute offset and timestamp; <see cref="Headers"/> is the encoded header section (count first).</summary>
internal sealed record KafkaRecord(long Offset, long Timestamp, byte[]? Key, byte[]? Value, byte[] Headers);
