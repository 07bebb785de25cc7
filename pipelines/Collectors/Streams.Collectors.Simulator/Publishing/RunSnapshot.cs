namespace Streams.Collectors.Simulator.Publishing;

/// <summary>Where a simulation or replay stands.</summary>
/// <param name="Done">Work units done (collection rounds × server chunks, or dataset rows).</param>
/// <param name="Total">Work units in the whole run.</param>
/// <param name="Samples">Metric samples handed to the sink.</param>
/// <param name="Logs">Log records handed to the sink.</param>
/// <param name="Labels">Labels published (topic and file).</param>
/// <param name="Acknowledged">Events the broker confirmed.</param>
/// <param name="Failed">Events the broker refused or lost.</param>
/// <param name="Elapsed">Wall-clock time since the start.</param>
/// <param name="Behind">How far the run trails its speed-up schedule (the rate cap or a slow broker).</param>
public sealed record RunSnapshot(long Done, long Total, long Samples, long Logs, long Labels, long Acknowledged, long Failed, TimeSpan Elapsed, TimeSpan Behind)
{
    /// <summary>Events sent: samples, logs and labels.</summary>
    public long Sent => Samples + Logs + Labels;

    /// <summary>Events sent and not yet confirmed or failed: the producer's backlog.</summary>
    public long InFlight => Math.Max(0, Sent - Acknowledged - Failed);

    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;
}
