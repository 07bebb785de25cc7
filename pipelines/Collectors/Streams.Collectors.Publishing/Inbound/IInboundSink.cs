using io.streams.avro;

namespace Streams.Collectors.Publishing.Inbound;

/// <summary>
/// Where an inbound integration (Prometheus, Zabbix, Nagios) puts what it received: metric
/// batches for <c>metrics.raw</c> (one per host and timestamp of a request, see
/// <see cref="MetricBatchBuilder"/>), events for <c>logs.raw</c>, and input it could not read for
/// <c>deadletter</c>. Every call returns at once; nothing waits on Kafka. The sink may keep what
/// it is given: callers hand over new instances.
/// </summary>
public interface IInboundSink
{
    void Publish(MetricBatch batch);

    void Publish(LogRecord record);

    void DeadLetter(InboundDeadLetter letter);
}
