namespace Streams.Platform.Kafka.Protocol;

/// <summary>Produce (API key 0): the batches a request carries and the base offsets its response assigns.</summary>
internal static class ProduceExchange
{
    /// <summary>The request's batches, or an empty list for acks=0 (no response will come to journal against).</summary>
    public static List<ProducedBatch> ReadRequest(ReadOnlySpan<byte> frame, RequestHeader header)
    {
        var reader = new KafkaReader(frame[header.BodyOffset..], header.Flexible);
        var batches = new List<ProducedBatch>();
        if (header.ApiVersion >= 3)
        {
            reader.String();
        }

        var acks = reader.Int16();
        reader.Int32();
        if (acks == 0)
        {
            return batches;
        }

        var topics = reader.ArrayLength();
        for (var t = 0; t < topics; t++)
        {
            var topic = reader.String() ?? string.Empty;
            var partitions = reader.ArrayLength();
            for (var p = 0; p < partitions; p++)
            {
                var partition = reader.Int32();
                var records = reader.Bytes();
                var start = header.BodyOffset + reader.Position - records.Length;
                if (records.Length > 0)
                {
                    batches.Add(new ProducedBatch(topic, partition, start, records.Length));
                }

                reader.TaggedFields();
            }

            reader.TaggedFields();
        }

        return batches;
    }

    /// <summary>Each partition's error code and assigned base offset.</summary>
    public static List<PartitionResult> ReadResponse(ReadOnlySpan<byte> response, RequestHeader header)
    {
        var reader = new KafkaReader(response[header.ResponseBodyOffset(response)..], header.Flexible);
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
                var baseOffset = reader.Int64();
                results.Add(new PartitionResult(topic, partition, error, baseOffset));
                SkipPartitionTail(ref reader, header.ApiVersion);
            }

            reader.TaggedFields();
        }

        return results;
    }

    private static void SkipPartitionTail(ref KafkaReader reader, short version)
    {
        if (version >= 2)
        {
            reader.Int64(); // log_append_time_ms
        }

        if (version >= 5)
        {
            reader.Int64(); // log_start_offset
        }

        if (version >= 8)
        {
            var recordErrors = reader.ArrayLength();
            for (var i = 0; i < recordErrors; i++)
            {
                reader.Int32();
                reader.String();
                reader.TaggedFields();
            }

            reader.String(); // error_message
        }

        reader.TaggedFields();
    }
}
