namespace Streams.Platform.Kafka.Protocol;

/// <summary>
/// Metadata (API key 3), read only for the topic ids it announces (v10+), so that Fetch v13+,
/// which names topics by id, can be reported by topic name.
/// </summary>
internal static class MetadataExchange
{
    private const short FirstWithTopicIds = 10;

    /// <summary>The response's topic ids and names; empty before v10.</summary>
    public static List<(string Id, string Name)> ReadTopicIds(ReadOnlySpan<byte> response, RequestHeader header)
    {
        var topics = new List<(string, string)>();
        var version = header.ApiVersion;
        if (version < FirstWithTopicIds)
        {
            return topics;
        }

        var reader = new KafkaReader(response[header.ResponseBodyOffset(response)..], header.Flexible);
        reader.Int32(); // throttle_time_ms
        var brokers = reader.ArrayLength();
        for (var i = 0; i < brokers; i++)
        {
            reader.Int32();
            reader.String();
            reader.Int32();
            reader.String();
            reader.TaggedFields();
        }

        reader.String(); // cluster_id
        reader.Int32(); // controller_id
        var count = reader.ArrayLength();
        for (var t = 0; t < count; t++)
        {
            reader.Int16(); // error_code
            var name = reader.String();
            var id = Convert.ToHexString(reader.Uuid());
            reader.Skip(1); // is_internal
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                reader.Int16();
                reader.Int32();
                reader.Int32();
                reader.Int32(); // leader_epoch
                for (var list = 0; list < 3; list++)
                {
                    reader.Skip(4 * Math.Max(0, reader.ArrayLength()));
                }

                reader.TaggedFields();
            }

            reader.Int32(); // topic_authorized_operations
            reader.TaggedFields();
            if (name is not null)
            {
                topics.Add((id, name));
            }
        }

        return topics;
    }
}
