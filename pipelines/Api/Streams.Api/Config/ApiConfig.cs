using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Alerter;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;

namespace Streams.Api.Config;

/// <summary>
/// What the API serves from Kafka's compacted topics (rules, silences, acknowledgements and
/// preferences from <c>alert-rules</c>, model versions from <c>models</c>), read by assignment
/// like every other reader so instances need no database, and the writer for changes. A change
/// made here is applied to the view at once, so the caller reads what it wrote.
/// </summary>
internal sealed partial class ApiConfig : BackgroundService
{
    private readonly IKafkaEndpoint kafka;
    private readonly StreamsApiOptions options;
    private readonly ILogger logger;
    private readonly Lazy<IProducer<string, byte[]>> producer;
    private readonly TaskCompletionSource caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int disposed;

    public ApiConfig(IKafkaEndpoint kafka, IOptions<StreamsApiOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        this.kafka = kafka;
        this.options = options.Value;
        logger = loggers.CreateLogger<ApiConfig>();
        Alerting = new AlertConfigView(loggers.CreateLogger<AlertConfigView>());
        Models = new ModelCatalogue(logger);
        producer = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            Acks = Acks.All,
            MessageTimeoutMs = 10_000,
        }).Build());
    }

    public AlertConfigView Alerting { get; }

    public PreferenceDocuments Preferences { get; } = new();

    public ModelCatalogue Models { get; }

    /// <summary>Completes once both topics were read to their end (or the catch-up timed out).</summary>
    public Task CaughtUp => caughtUp.Task;

    public AlertConfigWriter Writer => new(producer.Value);

    /// <summary>Applies a record this instance wrote, before the reader gets to it.</summary>
    public void Apply(string key, byte[]? value)
    {
        Alerting.Apply(key, value);
        Preferences.Apply(key, value);
    }

    /// <summary>Writes a record of alert-rules that <see cref="AlertConfigWriter"/> has no method for (preferences) and applies it.</summary>
    public async Task ProduceAsync(string key, byte[]? value, CancellationToken cancellationToken)
    {
        await producer.Value.ProduceAsync(TopicCatalogue.AlertRules.Name, new Message<string, byte[]> { Key = key, Value = value! }, cancellationToken);
        Apply(key, value);
    }

    public override void Dispose()
    {
        // Registered as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (producer.IsValueCreated)
        {
            producer.Value.Flush(TimeSpan.FromSeconds(5));
            producer.Value.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var rules = new CompactedTopicReader(kafka.BootstrapServers, TopicCatalogue.AlertRules.Name, TopicCatalogue.AlertRules.Partitions, Apply, logger);
        using var models = new CompactedTopicReader(kafka.BootstrapServers, TopicCatalogue.Models.Name, TopicCatalogue.Models.Partitions, Models.Apply, logger);
        try
        {
            var (_, followingRules) = await rules.StartAsync(options.ConfigCatchUpTimeout, stoppingToken);
            var (_, followingModels) = await models.StartAsync(options.ConfigCatchUpTimeout, stoppingToken);
            caughtUp.TrySetResult();
            LogRead(Alerting.Rules.Count, Alerting.Silences.Count, Preferences.All.Count, Models.All.Count);
            await Task.WhenAll(followingRules, followingModels);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            caughtUp.TrySetCanceled(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API read {Rules} rules, {Silences} silences, {Preferences} preferences, {Models} model versions")]
    private partial void LogRead(int rules, int silences, int preferences, int models);
}
