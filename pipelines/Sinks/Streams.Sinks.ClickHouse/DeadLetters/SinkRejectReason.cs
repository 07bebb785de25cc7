namespace Streams.Sinks.ClickHouse.DeadLetters;

/// <summary>Reason codes of the sink, beside the topology's <see cref="Streams.Topology.DeadLetters.RejectReason"/>.</summary>
public static class SinkRejectReason
{
    /// <summary>The record decoded but holds a value its ClickHouse column cannot take (a timestamp outside DateTime64, a negative count).</summary>
    public const string UnwritableValue = "unwritable-value";

    /// <summary>The record has no value (a tombstone): there is nothing to write.</summary>
    public const string EmptyValue = "empty-value";
}
