namespace Streams.Topology.DeadLetters;

/// <summary>
/// Header names of a record on the <c>deadletter</c> topic. The value is the original bytes, the
/// key the source topic; these headers say why and where from, as UTF-8 strings.
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>A stable, machine-readable reason code, e.g. <c>non-finite-value</c> (see <see cref="RejectReason"/>).</summary>
    public const string Reason = "reason";

    /// <summary>A human-readable explanation naming the offending field and value.</summary>
    public const string Detail = "detail";

    /// <summary>The stage that rejected the record, e.g. <c>normalize-metrics</c>.</summary>
    public const string Stage = "stage";

    public const string SourceTopic = "source.topic";

    public const string SourcePartition = "source.partition";

    public const string SourceOffset = "source.offset";
}
