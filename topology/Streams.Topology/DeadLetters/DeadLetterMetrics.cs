using System.Diagnostics.Metrics;

namespace Streams.Topology.DeadLetters;

/// <summary>
/// Counts records written to <c>deadletter</c> by every stage (the topologies and the ClickHouse
/// sink), so a rising reason shows on /metrics without reading the topic. Public because the sink,
/// in another assembly, counts its own dead letters on the same instrument.
/// </summary>
public static class DeadLetterMetrics
{
    /// <summary>Under <c>Streams.*</c>, which the host exports.</summary>
    public const string MeterName = "Streams.DeadLetters";

    public const string RecordsName = "streams.deadletter.records";

    private static readonly Meter Meter = new(MeterName);

    // Both tags come from closed sets (stage names and reason codes), so the series stay few.
    private static readonly Counter<long> Records = Meter.CreateCounter<long>(
        RecordsName, "{record}", "Records written to the deadletter topic, by the stage that rejected them and the reason code.");

    /// <summary>Counts one dead letter of <paramref name="stage"/> for <paramref name="reason"/> (a <see cref="RejectReason"/> code).</summary>
    public static void Record(string stage, string reason) =>
        Records.Add(1, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("reason", reason));
}
