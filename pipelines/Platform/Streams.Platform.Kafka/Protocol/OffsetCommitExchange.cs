namespace Streams.Platform.Kafka.Protocol;

/// <summary>OffsetCommit (API key 8): the offsets a request commits and which of them the response accepted.</summary>
internal static class OffsetCommitExchange
{
    public static List<CommittedOffset> ReadRequest(ReadOnlySpan<byte> frame, RequestHeader header)
    {
        var reader = new KafkaReader(frame[header.BodyOffset..], header.Flexible);
        var version = header.ApiVersion;
        var group = reader.String() ?? string.Empty;
        if (version >= 1)
        {
            reader.Int32(); // generation_id
            reader.String(); // member_id
        }

        if (version >= 7)
        {
            reader.String(); // group_instance_id
        }

        if (version is >= 2 and <= 4)
        {
            reader.Int64(); // retention_time_ms
        }

        var offsets = new List<CommittedOffset>();
        var topics = reader.ArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String() ?? string.Empty;
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var offset = reader.Int64();
                if (version >= 6)
                {
                    reader.Int32(); // committed_leader_epoch
                }

                if (version == 1)
                {
                    reader.Int64(); // commit_timestamp
                }

                var metadata = reader.String();
                reader.TaggedFields();
                offsets.Add(new CommittedOffset(group, topic, partition, offset, metadata));
            }

            reader.TaggedFields();
        }

        return offsets;
    }

    /// <summary>Each partition's error code (<see cref="PartitionResult.Offset"/> is −1).</summary>
    public static List<PartitionResult> ReadResponse(ReadOnlySpan<byte> response, RequestHeader header)
    {
        var reader = new KafkaReader(response[header.ResponseBodyOffset(response)..], header.Flexible);
        if (header.ApiVersion >= 3)
        {
            reader.Int32(); // throttle_time_ms
        }

        var results = new List<PartitionResult>();
        var topics = reader.ArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String() ?? string.Empty;
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var error = reader.Int16();
                reader.TaggedFields();
                results.Add(new PartitionResult(topic, partition, error, -1));
            }

            reader.TaggedFields();
        }

        return results;
    }
}
