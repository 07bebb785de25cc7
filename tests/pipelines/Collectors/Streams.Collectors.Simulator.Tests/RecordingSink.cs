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

    public long Failed => 0;

    public void Publish(MetricSample sample) => Samples.Add((sample.host, sample.metric, sample.timestamp, sample.value, sample.tags));

    public void Publish(LogRecord log) => Logs.Add((log.host, log.severity, log.timestamp, log.message));

    public void Publish(IncidentLabel label) => Labels.Add(label);

    public bool Flush(TimeSpan timeout) => true;
}
