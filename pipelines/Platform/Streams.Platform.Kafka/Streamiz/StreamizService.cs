using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// A hosted role that runs one Streamiz application: it starts the stream, keeps it running until
/// the host stops, then closes it so it commits its offsets and leaves the group cleanly.
/// </summary>
public abstract partial class StreamizService(IKafkaEndpoint kafka, ILoggerFactory loggers) : BackgroundService
{
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger streamLogger = loggers.CreateLogger<StreamizService>();

    /// <summary>Completes when every stream thread has its partitions and runs.</summary>
    public Task Running => running.Task;

    protected IKafkaEndpoint Kafka => kafka;

    /// <summary>
    /// Runs the topology <paramref name="buildTopology"/> makes until <paramref name="stoppingToken"/>
    /// fires; <paramref name="whileRunning"/> (by default nothing) runs beside the stream.
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
        using var streamizLoggers = new DetachableLoggerFactory(loggers);

        // The config comes first: it hands Streamiz' static logger the factory above, which the
        // stream builder then logs through (a previous role's factory may be gone).
        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = settings.ApplicationId,
            BootstrapServers = kafka.BootstrapServers,
            StateDir = settings.StateDir,
            NumStreamThreads = settings.StreamThreads,
            CommitIntervalMs = settings.CommitIntervalMs,
            SessionTimeoutMs = settings.SessionTimeoutMs,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            Guarantee = settings.Guarantee,
            FetchWaitMaxMs = settings.FetchWaitMaxMs,
            PollMs = settings.PollMs,
            ReplicationFactor = settings.InternalTopicReplicationFactor,
            Logger = streamizLoggers,
        };
        var topology = buildTopology();
        using var stream = kafka.TopicCreator is { } creator
            ? new KafkaStream(topology, config, new TopicCreatingKafkaSupplier(config, creator))
            : new KafkaStream(topology, config);
        stream.StateChanged += (_, state) =>
        {
            LogState(settings.ApplicationId, state);
            if (state == KafkaStream.State.RUNNING)
            {
                running.TrySetResult();
            }
        };

        // Not the stopping token: Streamiz disposes the stream from that token's callback, which
        // throws inside the host's StopAsync; the using above closes it instead.
        await stream.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await (whileRunning ?? (ct => Task.Delay(Timeout.Infinite, ct)))(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: disposing the stream closes it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {ApplicationId} is {State}")]
    private partial void LogState(string applicationId, KafkaStream.State state);
}
