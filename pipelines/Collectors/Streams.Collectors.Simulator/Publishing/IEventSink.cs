using io.streams.avro;
using Streams.Collectors.Simulator.Labels;

namespace Streams.Collectors.Simulator.Publishing;

/// <summary>
/// Where the simulator and replay put what they generate. Callers reuse the batch, its points
/// and the log instances after a call returns: a sink that keeps them must copy what it needs.
/// </summary>
public interface IEventSink
{
    /// <summary>One host's pass: one record, acknowledged (or failed) as all of its points at once.</summary>
    void Publish(MetricBatch batch);

    void Publish(LogRecord log);

    void Publish(IncidentLabel label);

    /// <summary>Events the destination has confirmed; a batch counts as its points.</summary>
    long Acknowledged { get; }

    /// <summary>Events the destination has refused or lost.</summary>
    long Failed { get; }

    /// <summary>Waits until everything published is confirmed or failed; false when the time ran out first.</summary>
    bool Flush(TimeSpan timeout);
}
