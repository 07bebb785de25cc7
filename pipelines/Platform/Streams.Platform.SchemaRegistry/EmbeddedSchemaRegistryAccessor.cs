namespace Streams.Platform.SchemaRegistry;

/// <summary>The embedded registry the host started, for components that need its URL.</summary>
public sealed class EmbeddedSchemaRegistryAccessor
{
    private readonly TaskCompletionSource<EmbeddedSchemaRegistry> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the registry serves; faults if it failed to start.</summary>
    public Task<EmbeddedSchemaRegistry> WhenStarted => _started.Task;

    /// <summary>The running registry.</summary>
    /// <exception cref="InvalidOperationException">The registry has not started (yet).</exception>
    public EmbeddedSchemaRegistry Registry => _started.Task.IsCompletedSuccessfully
        ? _started.Task.Result
        : throw new InvalidOperationException("The embedded schema registry has not started; it starts with the host, after Kafka.");

    internal void Started(EmbeddedSchemaRegistry registry) => _started.TrySetResult(registry);

    internal void Failed(Exception error) => _started.TrySetException(error);
}
