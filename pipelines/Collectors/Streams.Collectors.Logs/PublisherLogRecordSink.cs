using io.streams.avro;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Logs;

/// <summary>Sends each record to <c>logs.raw</c> through the spooling publisher, keyed by host.</summary>
internal sealed class PublisherLogRecordSink(SpoolingPublisher<LogRecord> publisher) : ILogRecordSink
{
    public void Ship(LogRecord record) => publisher.Publish(record.host, record);
}
