using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Backoff;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;

namespace Streams.Collectors.Publishing.Inbound;

/// <summary>
/// The Kafka side of an inbound integration: metric batches through the spooling batch publisher
/// the host agent uses (topic-record subject, held back in the spool while the processor lags) to
/// <c>metrics.raw</c>, events (when configured) through another to <c>logs.raw</c>, and dead
/// letters through a plain producer to <c>deadletter</c>, keyed by the source, the reason in the
/// headers of <see cref="DeadLetterHeaders"/>. Nothing is sent until <see cref="RunAsync"/>.
/// </summary>
public sealed partial class KafkaInboundSink : IInboundSink, ISender, IDisposable
{
    private static readonly TimeSpan FlushOnStop = TimeSpan.FromSeconds(5);

    private readonly CachedSchemaRegistryClient _registry;
    private readonly SpoolingPublisher<MetricBatch> _metrics;
    private readonly SpoolingPublisher<LogRecord>? _events;
    private readonly IProducer<string, byte[]> _deadLetters;
    private readonly ILogger _logger;

    public KafkaInboundSink(
        PublishingOptions metrics, PublishingOptions? events, IKafkaEndpoint kafka, ISchemaRegistryEndpoint registry, ILogger logger, IBackpressure? backpressure = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        _metrics = new SpoolingPublisher<MetricBatch>(metrics, TopicCatalogue.MetricsRaw.Name, kafka.BootstrapServers, _registry, logger, recordSubjects: true, backpressure);
        _events = events is null ? null : new SpoolingPublisher<LogRecord>(events, TopicCatalogue.LogsRaw.Name, kafka.BootstrapServers, _registry, logger);
        _deadLetters = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            LingerMs = 20,
            ClientId = "streams-inbound-deadletter",
        })
        .SetErrorHandler((_, error) => LogDeadLetterProducer(_logger, error.IsFatal, error.Reason))
        .SetLogHandler((_, message) => LogKafkaMessage(_logger, message.Facility, message.Message))
        .Build();
    }

    /// <summary>Batches Kafka acknowledged since this sink started.</summary>
    public long AcknowledgedBatches => _metrics.AcknowledgedRecords;

    public void Publish(MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _metrics.Publish(batch.host, batch);
    }

    public void Publish(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var events = _events ?? throw new InvalidOperationException("This integration was configured without an events publisher.");
        events.Publish(record.host, record);
    }

    /// <summary>
    /// Hands the letter to the producer and returns; a letter Kafka does not take is logged, since
    /// the sender has already been told its input was refused.
    /// </summary>
    public void DeadLetter(InboundDeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var message = new Message<string, byte[]>
        {
            Key = letter.Source,
            Value = letter.Original,
            Headers =
            [
                Header(DeadLetterHeaders.Reason, letter.Reason),
                Header(DeadLetterHeaders.Detail, letter.Detail),
                Header(DeadLetterHeaders.Stage, letter.Stage),
            ],
        };
        try
        {
            _deadLetters.Produce(TopicCatalogue.DeadLetter.Name, message, report =>
            {
                if (report.Error.IsError)
                {
                    LogDeadLetterLost(_logger, letter.Source, letter.Reason, report.Error.Reason);
                }
            });
            DeadLetterMetrics.Record(letter.Stage, letter.Reason);
        }
        catch (ProduceException<string, byte[]> ex)
        {
            LogDeadLetterLost(_logger, letter.Source, letter.Reason, ex.Error.Reason);
        }
    }

    /// <summary>Sends until cancelled, then flushes both publishers and the dead-letter producer.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var metrics = Task.Run(() => _metrics.RunAsync(cancellationToken), CancellationToken.None);
        var events = _events is null ? Task.CompletedTask : Task.Run(() => _events.RunAsync(cancellationToken), CancellationToken.None);
        await Task.WhenAll(metrics, events).ConfigureAwait(false);
        _deadLetters.Flush(FlushOnStop);
    }

    public void Dispose()
    {
        _deadLetters.Dispose();
        _metrics.Dispose();
        _events?.Dispose();
        _registry.Dispose();
    }

    private static Header Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-letter producer (fatal: {Fatal}): {Reason}")]
    private static partial void LogDeadLetterProducer(ILogger logger, bool fatal, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    private static partial void LogKafkaMessage(ILogger logger, string facility, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dead letter from {Source} ({Reason}) was not written to Kafka: {Error}")]
    private static partial void LogDeadLetterLost(ILogger logger, string source, string reason, string error);
}
