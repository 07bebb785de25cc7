using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// A hosted role that runs one Streamiz application: it starts the stream, keeps it running until
/// the host stops, then closes it so it commits its offsets and leaves the group cleanly. A stream
/// that fails (Streamiz' terminal ERROR state: an internal topic it could not create, a fatal
/// broker error) is closed and started again after a backoff, as a supervisor would restart the
/// process, so a platform that comes up late or a passing outage heals without an operator; its
/// health check is unhealthy meanwhile. A stream whose thread stopped polling Kafka (see
/// <see cref="StreamThreadWatch"/>) is restarted the same way.
/// </summary>
public abstract partial class StreamizService(IKafkaEndpoint kafka, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRestartDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger streamLogger = loggers.CreateLogger<StreamizService>();
    private volatile StreamStatus? status;

    /// <summary>Completes when every stream thread has its partitions and runs.</summary>
    public Task Running => running.Task;

    /// <summary>The stream's last state, and since when; null before it was first started.</summary>
    public StreamStatus? StreamState => status;

    protected IKafkaEndpoint Kafka => kafka;

    /// <summary>
    /// Runs the topology <paramref name="buildTopology"/> makes until <paramref name="stoppingToken"/>
    /// fires; <paramref name="whileRunning"/> (by default nothing) runs beside the stream, and is
    /// cancelled and run again when the stream is restarted.
    /// </summary>
    protected async Task RunStreamAsync(
        StreamizRoleOptions settings,
        Func<global::Streamiz.Kafka.Net.Stream.Topology> buildTopology,
        CancellationToken stoppingToken,
        Func<CancellationToken, Task>? whileRunning = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(buildTopology);
        await LocalStateGuard.EnforceAsync(settings.StateDir, settings.ApplicationId, kafka.BootstrapServers, streamLogger, stoppingToken).ConfigureAwait(false);
        var delay = FirstRestartDelay;
        while (await RunOnceAsync(settings, buildTopology, whileRunning, stoppingToken).ConfigureAwait(false))
        {
            LogRestarting(settings.ApplicationId, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRestartDelay.Ticks));
        }
    }

    /// <summary>Runs the stream once; true when it failed and should be started again.</summary>
    private async Task<bool> RunOnceAsync(
        StreamizRoleOptions settings,
        Func<global::Streamiz.Kafka.Net.Stream.Topology> buildTopology,
        Func<CancellationToken, Task>? whileRunning,
        CancellationToken stoppingToken)
    {
        using var streamizLoggers = new DetachableLoggerFactory(loggers);

        // The config comes first: it hands Streamiz' static logger the factory above, which the
        // stream builder then logs through (a previous role's factory may be gone).
        var config = settings.ToStreamConfig(kafka.BootstrapServers, streamizLoggers);
        var topology = buildTopology();
        using var stream = kafka.TopicCreator is { } creator
            ? new KafkaStream(topology, config, new TopicCreatingKafkaSupplier(config, creator))
            : new KafkaStream(topology, config);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.StateChanged += (_, state) =>
        {
            LogState(settings.ApplicationId, state);
            if (failed.Task.IsCompleted)
            {
                // Closing a failed stream moves it on to NOT_RUNNING; it stays failed until started again.
                return;
            }

            status = new StreamStatus(settings.ApplicationId, state, DateTimeOffset.UtcNow);
            if (state == KafkaStream.State.RUNNING)
            {
                running.TrySetResult();
            }
            else if (state == KafkaStream.State.ERROR)
            {
                failed.TrySetResult();
            }
        };

        // Not the stopping token: Streamiz disposes the stream from that token's callback, which
        // throws inside the host's StopAsync; the using above closes it instead.
        status = new StreamStatus(settings.ApplicationId, KafkaStream.State.CREATED, DateTimeOffset.UtcNow);
        await stream.StartAsync(CancellationToken.None).ConfigureAwait(false);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var beside = (whileRunning ?? (ct => Task.Delay(Timeout.Infinite, ct)))(attempt.Token);
        var watching = settings.StallTimeoutMs > 0
            ? WatchThreadsAsync(stream, settings, failed, attempt.Token)
            : Task.CompletedTask;
        await Task.WhenAny(beside, failed.Task).ConfigureAwait(false);
        await attempt.CancelAsync().ConfigureAwait(false);
        try
        {
            await beside.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            // Host shutdown or a failed stream: disposing the stream closes it.
        }

        await watching.ConfigureAwait(false);
        return failed.Task.IsCompleted && !stoppingToken.IsCancellationRequested;
    }

    /// <summary>Fails the stream (so it is closed and started again) when one of its threads stops polling.</summary>
    private async Task WatchThreadsAsync(KafkaStream stream, StreamizRoleOptions settings, TaskCompletionSource failed, CancellationToken cancellationToken)
    {
        var watch = new StreamThreadWatch(TimeSpan.FromMilliseconds(settings.StallTimeoutMs));
        using var timer = new PeriodicTimer(WatchInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (watch.Stalled(PollCounts(stream), DateTimeOffset.UtcNow) is { } thread)
                {
                    LogStalled(settings.ApplicationId, thread, settings.StallTimeoutMs / 1000.0);
                    status = new StreamStatus(settings.ApplicationId, KafkaStream.State.ERROR, DateTimeOffset.UtcNow);
                    failed.TrySetResult();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream is being closed: nothing left to watch.
        }
    }

    /// <summary>Each stream thread's <c>poll-total</c> (Streamiz' thread-level metric, recorded at its default INFO level).</summary>
    private static Dictionary<string, double> PollCounts(KafkaStream stream) =>
        stream.Metrics()
            .SelectMany(sensor => sensor.Metrics.Values)
            .Where(metric => metric.Name == "poll-total" && metric.Tags.ContainsKey("thread_id"))
            .GroupBy(metric => metric.Tags["thread_id"])
            .ToDictionary(g => g.Key, g => g.Sum(metric => Convert.ToDouble(metric.Value, CultureInfo.InvariantCulture)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {ApplicationId} is {State}")]
    private partial void LogState(string applicationId, KafkaStream.State state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {ApplicationId}: thread {Thread} has not polled Kafka for {Seconds} s (stuck, e.g. after a commit refused during a rebalance), while its consumer keeps its partitions")]
    private partial void LogStalled(string applicationId, string thread, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {ApplicationId} failed (see the error above); closing it and starting it again in {Seconds} s")]
    private partial void LogRestarting(string applicationId, double seconds);
}
