namespace Streams.Platform.Kafka.Protocol;

/// <summary>
/// Fetch (API key 1), read only to notice data loss: the offset each partition was asked from,
/// and the partitions the response refused with OFFSET_OUT_OF_RANGE with their log start offset.
/// Versions 13+ name topics by id: such a topic is reported as <see cref="TopicIdPrefix"/> and the id in hex.
/// </summary>
internal static class FetchExchange
{
    public const short OffsetOutOfRange = 1;
    public const string TopicIdPrefix = "topic-id:";

    /// <summary>The fetch offset per partition; <see cref="PartitionResult.Offset"/> is the fetch offset.</summary>
    public static List<PartitionResult> ReadRequest(ReadOnlySpan<byte> frame, RequestHeader header)
    {
        var results = new List<PartitionResult>();
        var version = header.ApiVersion;
        var reader = new KafkaReader(frame[header.BodyOffset..], header.Flexible);
        if (version < 15)
        {
            reader.Int32(); // replica_id
        }

        reader.Int32(); // max_wait_ms
        reader.Int32(); // min_bytes
        if (version >= 3)
        {
            reader.Int32(); // max_bytes
        }

        if (version >= 4)
        {
            reader.Skip(1); // isolation_level
        }

        if (version >= 7)
        {
            reader.Int32(); // session_id
            reader.Int32(); // session_epoch
        }

        var topics = reader.ArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = Topic(ref reader, version);
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                if (version >= 9)
                {
                    reader.Int32(); // current_leader_epoch
                }

                var fetchOffset = reader.Int64();
                if (version >= 12)
                {
                    reader.Int32(); // last_fetched_epoch
                }

                if (version >= 5)
                {
                    reader.Int64(); // log_start_offset
                }

                reader.Int32(); // partition_max_bytes
                reader.TaggedFields();
                results.Add(new PartitionResult(topic, partition, 0, fetchOffset));
            }

            reader.TaggedFields();
        }

        return results;
    }

    /// <summary>The partitions refused with OFFSET_OUT_OF_RANGE; <see cref="PartitionResult.Offset"/> is the log start offset (−1 before v5).</summary>
    public static List<PartitionResult> ReadOutOfRange(ReadOnlySpan<byte> response, RequestHeader header)
    {
        var results = new List<PartitionResult>();
        var version = header.ApiVersion;
        var reader = new KafkaReader(response[header.ResponseBodyOffset(response)..], header.Flexible);
        if (version >= 1)
        {
            reader.Int32(); // throttle_time_ms
        }

        if (version >= 7)
        {
            reader.Int16(); // error_code
            reader.Int32(); // session_id
        }

        var topics = reader.ArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = Topic(ref reader, version);
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var error = reader.Int16();
                reader.Int64(); // high_watermark
                if (version >= 4)
                {
                    reader.Int64(); // last_stable_offset
                }

                var logStart = version >= 5 ? reader.Int64() : -1;
                if (version >= 4)
                {
                    var aborted = reader.ArrayLength();
                    for (var a = 0; a < aborted; a++)
                    {
                        reader.Int64();
                        reader.Int64();
                        reader.TaggedFields();
                    }
                }

                if (version >= 11)
                {
                    reader.Int32(); // preferred_read_replica
                }

                reader.Bytes();
                reader.TaggedFields();
                if (error == OffsetOutOfRange)
                {
                    results.Add(new PartitionResult(topic, partition, error, logStart));
                }
            }

            reader.TaggedFields();
        }

        return results;
    }

    private static string Topic(ref KafkaReader reader, short version) =>
        version >= 13 ? TopicIdPrefix + Convert.ToHexString(reader.Uuid()) : reader.String() ?? string.Empty;
}
