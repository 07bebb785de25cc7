using io.streams.avro;

namespace Streams.Collectors.Logs;

/// <summary>Where parsed log records go (the publisher in production, a list in tests). Must be thread-safe.</summary>
internal interface ILogRecordSink
{
    void Ship(LogRecord record);
}
