using Confluent.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streamiz.Kafka.Net;
using Streams.Alerter;
using Streams.Alerting.Lifecycle;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// EXPERIMENT ONLY (<c>--experiment-fetch-wait-ms N</c>): the alerting role's work (rules from
/// alert-rules, <see cref="AlerterTopology"/>, the role's StreamConfig as StreamizService builds
/// it) with the Streamiz clients' librdkafka <c>fetch.wait.max.ms</c> (and optionally linger.ms and
/// Streamiz' poll.ms) set, which no configuration key reaches: StreamizService builds its StreamConfig in code. It measures
/// what that one setting would change; it is not the role, which stays the one to ship.
/// </summary>
internal sealed class TunedAlerting(
    IOptions<AlerterOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers,
    TunedSettings tuned) : BackgroundService
{
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Running => running.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger<TunedAlerting>();
        var view = new AlertConfigView(loggers.CreateLogger<AlertConfigView>());
        using var reader = new CompactedTopicReader(kafka.BootstrapServers, TopicCatalogue.AlertRules.Name, TopicCatalogue.AlertRules.Partitions, view.Apply, logger);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var (_, following) = await reader.StartAsync(settings.ConfigCatchUpTimeout, stopReading.Token);
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        var lifecycle = new AlertLifecycle(settings.Lifecycle(), view.Rules, view.Silences, view.Acks);

        // As StreamizService.RunStreamAsync, plus the settings under test.
        var config = settings.ToStreamConfig(kafka.BootstrapServers, loggers);
        config.FetchWaitMaxMs = tuned.FetchWaitMaxMs;
        if (tuned.LingerMs is { } linger)
        {
            config.LingerMs = linger;
        }

        if (tuned.PollMs is { } poll)
        {
            config.PollMs = poll;
        }

        var topology = AlerterTopology.Build(registryClient, settings, lifecycle);
        using var stream = new KafkaStream(topology, config, new TopicCreatingKafkaSupplier(config, kafka.TopicCreator!));
        stream.StateChanged += (_, state) =>
        {
            if (state == KafkaStream.State.RUNNING)
            {
                running.TrySetResult();
            }
        };
        await stream.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: disposing the stream closes it.
        }
        finally
        {
            await stopReading.CancelAsync();
            await following;
        }
    }
}
