using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Tests;

/// <summary>Keeps a copy of everything published; the runner reuses its instances, so fields are copied out.</summary>
internal sealed class RecordingSink : IEventSink
{
    public List<(string Host, string Metric, DateTime Time, double Value, IDictionary<string, string> Tags)> Samples { get; } = [];

    public List<(string Host, LogSeverity Severity, DateTime Time, string Message)> Logs { get; } = [];

    public List<IncidentLabel> Labels { get; } = [];

    public long Acknowledged => Samples.Count + Logs.Count + Labels.Count;

    /// <summary>How many records carried the samples: one per host and pass.</summary>
    public int Batches { get; private set; }

    public long Failed => 0;

    public void Publish(MetricBatch batch)
    {
        Batches++;
        Samples.AddRange(batch.points.Select(p => (batch.host, p.metric, p.timestamp ?? batch.timestamp, p.value, p.tags)));
    }

    public void Publish(LogRecord log) => Logs.Add((log.host, log.severity, log.timestamp, log.message));

    public void Publish(IncidentLabel label) => Labels.Add(label);

    public bool Flush(TimeSpan timeout) => true;
}
