namespace Streams.Topology.DeadLetters;

/// <summary>Reason codes written to the <see cref="DeadLetterHeaders.Reason"/> header.</summary>
public static class RejectReason
{
    /// <summary>The bytes are not a record in the Confluent Avro wire format, or the value is empty.</summary>
    public const string MalformedAvro = "malformed-avro";

    /// <summary>Host or metric name is empty: the sample cannot be attributed to a series.</summary>
    public const string MissingIdentity = "missing-identity";

    /// <summary>The value is NaN or infinite.</summary>
    public const string NonFiniteValue = "non-finite-value";

    /// <summary>The value is outside the range its unit and metric family allow (a ratio above 1, negative bytes).</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>The unit is not one the platform knows how to normalise.</summary>
    public const string UnknownUnit = "unknown-unit";

    /// <summary>The event time is later than now plus the allowed clock skew.</summary>
    public const string TimestampInFuture = "timestamp-in-future";

    /// <summary>The event time is older than the accepted age.</summary>
    public const string TimestampTooOld = "timestamp-too-old";

    /// <summary>A counter sample older than the last one of its series: no rate can be derived from it.</summary>
    public const string OutOfOrderCounter = "out-of-order-counter";
}
