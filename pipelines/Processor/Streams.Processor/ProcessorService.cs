using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;

namespace Streams.Processor;

/// <summary>
/// The <c>processor</c> role: runs <see cref="ProcessorTopology"/> with Streamiz until the host
/// stops, then closes the stream so it commits its offsets and leaves the group cleanly.
/// </summary>
internal sealed partial class ProcessorService(
    IOptions<ProcessorOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger logger = loggers.CreateLogger<ProcessorService>();
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every stream thread has its partitions and runs.</summary>
    public Task Running => running.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        using var streamizLoggers = new DetachableLoggerFactory(loggers);
        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = settings.ApplicationId,
            BootstrapServers = kafka.BootstrapServers,
            StateDir = settings.StateDir,
            NumStreamThreads = settings.StreamThreads,
            CommitIntervalMs = settings.CommitIntervalMs,
            SessionTimeoutMs = settings.SessionTimeoutMs,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            Logger = streamizLoggers,
        };

        var topology = ProcessorTopology.Build(registryClient, settings);
        using var stream = kafka.TopicCreator is { } creator
            ? new KafkaStream(topology, config, new TopicCreatingKafkaSupplier(config, creator))
            : new KafkaStream(topology, config);
        stream.StateChanged += (_, state) =>
        {
            LogState(state);
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
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: disposing the stream below closes it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Processor stream is {State}")]
    private partial void LogState(KafkaStream.State state);
}
