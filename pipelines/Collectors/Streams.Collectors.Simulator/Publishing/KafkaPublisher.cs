using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Simulator.Publishing;

/// <summary>
/// Publishes one batch per host and pass to <c>metrics.raw</c> (under the topic-record subject
/// beside third parties' MetricSample), logs to <c>logs.raw</c> (Avro, Confluent wire format,
/// key = host) and labels to <c>labels</c> (JSON), through one idempotent producer whose handle
/// the three typed producers share. A batch's delivery report counts all of its points.
/// </summary>
public sealed class KafkaPublisher : IEventSink, IDisposable
{
    private readonly CachedSchemaRegistryClient _registry;
    private readonly IProducer<string, MetricBatch> _metrics;
    private readonly IProducer<string, LogRecord> _logs;
    private readonly IProducer<string, string> _labels;
    private readonly Action<DeliveryReport<string, LogRecord>> _onLog;
    private readonly Action<DeliveryReport<string, string>> _onLabel;
    private long _acknowledged;
    private long _failed;
    private string? _lastError;

    public KafkaPublisher(PublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.BootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SchemaRegistryUrl);
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = options.SchemaRegistryUrl });
        _metrics = new ProducerBuilder<string, MetricBatch>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = 20,
            BatchSize = 1 << 20,
            // A record is a host's pass now (39 samples from the simulator): 100,000 of them are
            // far more than the two seconds at the highest lossless rate measured that the queue should hold.
            QueueBufferingMaxMessages = 100_000,
            DeliveryReportFields = "status",
        })
            .SetValueSerializer(new AvroWireSerializer<MetricBatch>(_registry, recordSubjects: true))
            .SetErrorHandler((_, e) => _lastError = e.Reason)
            .Build();
        _logs = new DependentProducerBuilder<string, LogRecord>(_metrics.Handle)
            .SetValueSerializer(new AvroWireSerializer<LogRecord>(_registry))
            .Build();
        _labels = new DependentProducerBuilder<string, string>(_metrics.Handle).Build();
        _onLog = r => Count(r.Error, 1);
        _onLabel = r => Count(r.Error, 1);
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last error librdkafka or a delivery report gave; null while all is well.</summary>
    public string? LastError => _lastError;

    public void Publish(MetricBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // The caller reuses the batch once this returns (it is serialized by then), so the report counts what was sent.
        var points = batch.points.Count;
        Produce(_metrics, TopicCatalogue.MetricsRaw.Name, new Message<string, MetricBatch> { Key = batch.host, Value = batch }, r => Count(r.Error, points));
    }

    public void Publish(LogRecord log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Produce(_logs, TopicCatalogue.LogsRaw.Name, new Message<string, LogRecord> { Key = log.host, Value = log }, _onLog);
    }

    public void Publish(IncidentLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        Produce(_labels, TopicCatalogue.Labels.Name, new Message<string, string> { Key = label.Host, Value = label.ToJson() }, _onLabel);
    }

    public bool Flush(TimeSpan timeout) => _metrics.Flush(timeout) == 0;

    public void Dispose()
    {
        _labels.Dispose();
        _logs.Dispose();
        _metrics.Dispose();
        _registry.Dispose();
    }

    private static void Produce<TValue>(IProducer<string, TValue> producer, string topic, Message<string, TValue> message, Action<DeliveryReport<string, TValue>> onDelivered)
    {
        // A full local queue is back-pressure, not failure: serve delivery reports until room frees up.
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<string, TValue> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    private void Count(Error error, int events)
    {
        if (error.IsError)
        {
            _lastError = error.Reason;
            Interlocked.Add(ref _failed, events);
        }
        else
        {
            Interlocked.Add(ref _acknowledged, events);
        }
    }
}
