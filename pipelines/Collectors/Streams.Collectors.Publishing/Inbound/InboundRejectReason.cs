namespace Streams.Collectors.Publishing.Inbound;

/// <summary>Reason codes of the inbound integrations, beside the topology's and the sink's.</summary>
public static class InboundRejectReason
{
    /// <summary>The bytes are not a message of the protocol (bad framing, compression, protobuf, JSON, XML or exposition text).</summary>
    public const string MalformedInput = "malformed-input";

    /// <summary>The message is larger than the configured limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The message parsed but names no host or metric the mapping rules can use.</summary>
    public const string Unmappable = "unmappable";
}
