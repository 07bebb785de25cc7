using Streams.Platform.SchemaRegistry.Storage;

namespace Streams.Platform.SchemaRegistry.Tests.Storage;

/// <summary>A log in memory, for tests of the REST layer without a broker; survives "restarts" by being handed to the next registry.</summary>
internal sealed class InMemorySchemaStore : ISchemaStore
{
    private readonly List<StoredRecord> _records = [];
    private readonly Lock _lock = new();

    private Exception? _failNextAppend;

    /// <summary>Makes the next append fail with this error, as a broker that is down would.</summary>
    public void FailNextAppend(Exception error) => _failNextAppend = error;

    public IReadOnlyList<StoredRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    public Task<IReadOnlyList<StoredRecord>> ReadAllAsync(CancellationToken cancellationToken) => Task.FromResult(Records);

    public Task AppendAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _failNextAppend, null) is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (_lock)
        {
            _records.Add(record);
        }

        return Task.CompletedTask;
    }

    // The registry owns and disposes its store; the test keeps this one to restart from it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
