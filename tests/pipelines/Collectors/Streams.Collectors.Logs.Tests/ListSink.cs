using System.Collections.Concurrent;
using io.streams.avro;

namespace Streams.Collectors.Logs.Tests;

internal sealed class ListSink : ILogRecordSink
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public void Ship(LogRecord record) => _records.Enqueue(record);

    public async Task<IReadOnlyList<LogRecord>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_records.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(count, _records.Count);
        return Records;
    }
}
