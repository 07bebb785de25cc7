namespace Streams.Platform.Kafka.Protocol;

/// <summary>A request's header; <see cref="BodyOffset"/> is where the request's own fields start in the frame.</summary>
internal readonly record struct RequestHeader(short ApiKey, short ApiVersion, int CorrelationId, int BodyOffset)
{
    public bool Flexible => ApiKeys.IsFlexible(ApiKey, ApiVersion);

    /// <summary>Reads the header of a request frame (without its 4-byte size prefix).</summary>
    public static RequestHeader Read(ReadOnlySpan<byte> frame)
    {
        var reader = new KafkaReader(frame, flexible: false);
        var apiKey = reader.Int16();
        var version = reader.Int16();
        var correlationId = reader.Int32();
        // The client id is a classic nullable string even in header v2.
        var clientIdLength = reader.Int16();
        reader.Skip(Math.Max(0, (int)clientIdLength));
        var bodyOffset = reader.Position;
        if (ApiKeys.IsFlexible(apiKey, version))
        {
            var tagged = new KafkaReader(frame[bodyOffset..], flexible: true);
            tagged.TaggedFields();
            bodyOffset += tagged.Position;
        }

        return new RequestHeader(apiKey, version, correlationId, bodyOffset);
    }

    /// <summary>Where a response's body starts: after the correlation id and, in flexible versions, header tagged fields.</summary>
    public int ResponseBodyOffset(ReadOnlySpan<byte> response)
    {
        if (!Flexible)
        {
            return 4;
        }

        var tagged = new KafkaReader(response[4..], flexible: true);
        tagged.TaggedFields();
        return 4 + tagged.Position;
    }
}
