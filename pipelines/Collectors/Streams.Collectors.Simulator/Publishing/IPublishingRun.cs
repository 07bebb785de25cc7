namespace Streams.Collectors.Simulator.Publishing;

/// <summary>A simulation or replay: something that publishes to a sink and reports its progress.</summary>
public interface IPublishingRun
{
    RunProgress Progress { get; }

    /// <summary>Publishes everything, then waits up to <paramref name="flushTimeout"/> for the sink to confirm.</summary>
    Task<RunSnapshot> RunAsync(TimeSpan flushTimeout, CancellationToken cancellationToken);
}
