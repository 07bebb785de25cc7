using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Replay.Tests;

/// <summary>Records samples and labels in the order they were published, to check ordering between them.</summary>
internal sealed class OrderedSink : IEventSink
{
    public sealed record Sample(string Host, string Metric, DateTimeOffset Time, double Value, string Dataset, MetricSource Source);

    public List<object> Events { get; } = [];

    public IEnumerable<Sample> Samples => Events.OfType<Sample>();

    public IEnumerable<IncidentLabel> Labels => Events.OfType<IncidentLabel>();

    public long Acknowledged => Events.Count;

    public long Failed => 0;

    public void Publish(MetricBatch batch) =>
        Events.AddRange(batch.points.Select(p => new Sample(batch.host, p.metric, new DateTimeOffset(p.timestamp ?? batch.timestamp, TimeSpan.Zero), p.value, p.tags["dataset"], batch.source)));

    public void Publish(LogRecord log) => Events.Add(log.message);

    public void Publish(IncidentLabel label) => Events.Add(label);

    public bool Flush(TimeSpan timeout) => true;
}
