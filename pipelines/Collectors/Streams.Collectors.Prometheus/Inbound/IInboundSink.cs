using io.streams.avro;

namespace Streams.Collectors.Prometheus.Inbound;

/// <summary>
/// Where an inbound integration (Prometheus, Zabbix, Nagios) puts what it received: samples for
/// <c>metrics.raw</c>, events for <c>logs.raw</c>, and input it could not read for <c>deadletter</c>.
/// Every call returns at once; nothing waits on Kafka.
/// </summary>
public interface IInboundSink
{
    void Publish(MetricSample sample);

    void Publish(LogRecord record);

    void DeadLetter(InboundDeadLetter letter);
}
