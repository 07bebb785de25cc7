using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Alerter;

/// <summary>
/// The <c>alerting</c> role: reads the alert-rules topic (rules, silences, acknowledgements)
/// into the books the lifecycle consults, seeds the default rules into an empty topic, then runs
/// <see cref="AlerterTopology"/> with Streamiz until the host stops, following rule changes as
/// they arrive.
/// </summary>
internal sealed partial class AlerterService(
    IOptions<AlerterOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers) : StreamizService(kafka, loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<AlerterService>();

    public AlertConfigView Config { get; } = new(loggers.CreateLogger<AlertConfigView>());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var reader = new CompactedTopicReader(Kafka.BootstrapServers, TopicCatalogue.AlertRules.Name, TopicCatalogue.AlertRules.Partitions, Config.Apply, logger);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var (caughtUp, following) = await reader.StartAsync(settings.ConfigCatchUpTimeout, stopReading.Token).ConfigureAwait(false);
        try
        {
            if (settings.SeedDefaultRules && caughtUp && Config.RecordsSeen == 0)
            {
                await SeedDefaultRulesAsync(stoppingToken).ConfigureAwait(false);
            }

            LogConfig(Config.Rules.Count, Config.Silences.Count);
            var lifecycle = new AlertLifecycle(settings.Lifecycle(), Config.Rules, Config.Silences, Config.Acks);
            using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
            await RunStreamAsync(settings, () => AlerterTopology.Build(registryClient, settings, lifecycle), stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await following.ConfigureAwait(false);
        }
    }

    private async Task SeedDefaultRulesAsync(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Kafka.BootstrapServers, Acks = Acks.All }).Build();
        var writer = new AlertConfigWriter(producer);
        foreach (var rule in DefaultRules.All)
        {
            await writer.PutRuleAsync(rule, cancellationToken).ConfigureAwait(false);
            // Published here too: the reader may see the records only after the stream starts.
            Config.Rules.Publish(rule);
        }

        LogSeeded(DefaultRules.All.Count, string.Join(", ", DefaultRules.All.Select(r => r.Id)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerting: {Rules} rules, {Silences} silences")]
    private partial void LogConfig(int rules, int silences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerting: alert-rules was empty; wrote the {Count} default rules ({Ids})")]
    private partial void LogSeeded(int count, string ids);
}
