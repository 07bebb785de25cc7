namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// Runs a blocking chDB call on a thread of its own. On the thread pool each running query
/// would hold a worker: on 2 cores (2 minimum workers) a third concurrent query waited ~1 s for
/// the pool to grow (measured), which a fresh thread (~0.1 ms) avoids.
/// </summary>
internal static class BlockingCall
{
    public static Task<T> RunAsync<T>(Func<T> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    public static Task RunAsync(Action call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
