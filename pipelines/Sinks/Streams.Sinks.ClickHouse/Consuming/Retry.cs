using Microsoft.Extensions.Logging;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>Runs an action off the consumer's thread until it succeeds, waiting with backoff between attempts.</summary>
internal sealed partial class Retry(SinkOptions options, ILogger logger)
{
    public async Task<TResult> RunAsync<TResult>(Func<CancellationToken, Task<TResult>> action, string what, CancellationToken cancellationToken,
        Func<Exception, bool>? retryable = null)
    {
        var delay = options.RetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException && (retryable?.Invoke(ex) ?? true))
            {
                LogRetry(what, attempt, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }

    public async Task RunAsync(Func<CancellationToken, Task> action, string what, CancellationToken cancellationToken) =>
        await RunAsync(async ct =>
        {
            await action(ct);
            return true;
        }, what, cancellationToken);

    /// <summary>Failures of the registry or the network, which pass; not the record's fault.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or TimeoutException or TaskCanceledException
        || (ex is Confluent.SchemaRegistry.SchemaRegistryException registry && registry.Status != System.Net.HttpStatusCode.NotFound);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (attempt {Attempt}), retrying in {DelayMs} ms: {Error}")]
    private partial void LogRetry(string what, int attempt, double delayMs, string error);
}
