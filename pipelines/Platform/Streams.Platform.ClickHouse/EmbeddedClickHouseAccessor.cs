namespace Streams.Platform.ClickHouse;

/// <summary>
/// The embedded ClickHouse started by the hosted service, for code that needs its URL or
/// connection string (the host's banner, the ClickHouse sink).
/// </summary>
public sealed class EmbeddedClickHouseAccessor
{
    private readonly TaskCompletionSource<EmbeddedClickHouseServer> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the server listens; faults when it could not start.</summary>
    public Task<EmbeddedClickHouseServer> Started => started.Task;

    /// <summary>The running server, or null before start and after stop.</summary>
    public EmbeddedClickHouseServer? Server { get; private set; }

    internal void SetStarted(EmbeddedClickHouseServer server)
    {
        Server = server;
        started.TrySetResult(server);
    }

    internal void SetFailed(Exception error) => started.TrySetException(error);

    internal void SetStopped() => Server = null;
}
