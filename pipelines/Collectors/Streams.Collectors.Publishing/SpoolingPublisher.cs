using System.Text;
using Avro.Specific;
using Confluent.Kafka;
using Streams.Schemas.Serdes;
using Streams.Schemas.Serdes.Tracing;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Avro;
using Streams.Collectors.Publishing.Backoff;
using Streams.Collectors.Publishing.Delivery;
using Streams.Collectors.Publishing.Spool;

namespace Streams.Collectors.Publishing;

/// <summary>
/// Publishes Avro records to one Kafka topic, keyed, through a bounded on-disk spool: an
/// idempotent, compressed, batching producer sends what the spool holds, in order, and a
/// record leaves the spool only once Kafka has acknowledged it. <see cref="Publish"/> never
/// blocks on Kafka; <see cref="RunAsync"/> does the sending and, when cancelled, flushes. While
/// its <see cref="IBackpressure"/> holds back, records stay in the spool and nothing new is sent.
/// </summary>
/// <typeparam name="T">The generated Avro class; its schema is registered under <c>{topic}-value</c>, or <c>{topic}-{record full name}</c> with record subjects.</typeparam>
public sealed partial class SpoolingPublisher<T> : ISender, IDisposable
    where T : ISpecificRecord, new()
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(100);
    // Appends and delivery reports wake the loop; the timeout only paces checkpoints and fsyncs.
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FlushOnStop = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly PublishingOptions _options;
    private readonly string _topic;
    private readonly string _bootstrapServers;
    private readonly ISchemaRegistryClient _registry;
    private readonly ILogger _logger;
    private readonly DiskSpool _spool;
    private readonly AvroBodyWriter<T> _writer;
    private readonly string _schemaText;
    private readonly string _subject;
    private readonly Lock _publishGate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly InFlightWindow _window;
    private readonly Action<SpoolCursor> _acknowledge;
    private readonly IBackpressure? _backpressure;
    private int _wakePending;
    private volatile bool _producerFailed;
    private long _acknowledged;
    private long _rejected;

    /// <summary>Opens the spool (replaying whatever a previous run left unacknowledged); nothing is sent until <see cref="RunAsync"/>.</summary>
    /// <param name="recordSubjects">
    /// Register under <c>{topic}-{record full name}</c> (TopicRecordNameStrategy), for a topic that carries
    /// more than one record type. The spool then lives in a subfolder named after the record: the spool
    /// keeps bodies without their schema, so bodies another record left in the folder must never be sent under this one's id.
    /// </param>
    /// <param name="backpressure">When it holds back, nothing new is sent: records wait in the spool (bounded by <see cref="PublishingOptions.SpoolMaxBytes"/>).</param>
    public SpoolingPublisher(
        PublishingOptions options, string topic, string bootstrapServers, ISchemaRegistryClient registry, ILogger logger, bool recordSubjects = false, IBackpressure? backpressure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _topic = topic;
        _bootstrapServers = bootstrapServers;
        _registry = registry;
        _logger = logger;
        var schema = new T().Schema;
        _schemaText = schema.ToString();
        _writer = new AvroBodyWriter<T>(schema);
        _subject = recordSubjects ? topic + "-" + schema.Fullname : topic + "-value";
        var spoolPath = recordSubjects ? Path.Combine(options.SpoolPath, schema.Name) : options.SpoolPath;
        _spool = DiskSpool.Open(spoolPath, options.SpoolMaxBytes, options.SegmentBytes, logger);
        _window = new InFlightWindow(options.MaxInFlight);
        _acknowledge = _spool.Acknowledge;
        _backpressure = backpressure;
    }

    /// <summary>Records Kafka acknowledged since this publisher started.</summary>
    public long AcknowledgedRecords => Interlocked.Read(ref _acknowledged);

    /// <summary>Unacknowledged records dropped because the spool reached <see cref="PublishingOptions.SpoolMaxBytes"/>.</summary>
    public long DroppedRecords => _spool.DroppedRecords;

    /// <summary>Records Kafka refused for good (too large, invalid); logged and dropped.</summary>
    public long RejectedRecords => Interlocked.Read(ref _rejected);

    /// <summary>Records in the spool not yet acknowledged.</summary>
    public long PendingRecords => _spool.PendingRecords;

    /// <summary>Appends the record to the spool; it is safe from a crash of this process when this returns.</summary>
    public void Publish(string key, T record)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> keyBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 256))];
        var encodedKey = key.Length <= 256 ? keyBytes[..Encoding.UTF8.GetBytes(key, keyBytes)] : Encoding.UTF8.GetBytes(key);
        lock (_publishGate)
        {
            _spool.Append(encodedKey, _writer.Write(record));
        }

        PublishingMetrics.Spooled.Add(1);
        Wake();
    }

    /// <summary>
    /// Sends the spool to Kafka until cancelled, then flushes what is in flight (up to 10 s) and
    /// records the acknowledged position. Unreachable Kafka or registry: records wait in the spool.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var schemaId = await RegisterSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (schemaId is null)
        {
            return;
        }

        var producer = BuildProducer();
        try
        {
            var readCursor = _spool.AckedCursor;
            var lastCheckpoint = DateTime.UtcNow;
            var lastSync = DateTime.UtcNow;
            var backoff = TimeSpan.FromSeconds(1);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_window.HasFailed)
                {
                    if (!_window.IsSettled)
                    {
                        await WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    Acknowledge();
                    _window.Reset();
                    readCursor = _spool.AckedCursor;
                    if (_producerFailed)
                    {
                        // A fatal error (e.g. the idempotent producer lost its sequence) leaves the client unusable.
                        producer.Dispose();
                        producer = BuildProducer();
                        _producerFailed = false;
                    }

                    LogRewind(_logger, _topic, _spool.PendingRecords, backoff.TotalSeconds);
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                    continue;
                }

                var produced = _backpressure is { HoldBack: true } ? 0 : Produce(producer, schemaId.Value, ref readCursor);
                if (Acknowledge() > 0)
                {
                    backoff = TimeSpan.FromSeconds(1);
                }

                var now = DateTime.UtcNow;
                if (now - lastCheckpoint >= CheckpointInterval)
                {
                    _spool.Checkpoint();
                    lastCheckpoint = now;
                }

                if (_options.FsyncIntervalMs > 0 && (now - lastSync).TotalMilliseconds >= _options.FsyncIntervalMs)
                {
                    _spool.Sync();
                    lastSync = now;
                }

                if (produced == 0)
                {
                    await WaitAsync(IdleWait, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            producer.Flush(FlushOnStop);
            Acknowledge();
            _spool.Checkpoint();
            _spool.Sync();
            producer.Dispose();
        }
    }

    public void Dispose()
    {
        _spool.Dispose();
        _writer.Dispose();
        _wake.Dispose();
    }

    private int Produce(IProducer<byte[], byte[]> producer, int schemaId, ref SpoolCursor readCursor)
    {
        var produced = 0;
        var generation = _window.Generation;
        while (!_window.IsFull && !_window.HasFailed)
        {
            var start = readCursor;
            if (!_spool.TryRead(ref readCursor, WireFormat.HeaderSize, out var record))
            {
                break;
            }

            WireFormat.WriteHeader(record.Value, schemaId);
            var sequence = _window.Add(record.End);
            try
            {
                var message = new Message<byte[], byte[]> { Key = record.Key, Value = record.Value };
                // A trace starts where a sample enters Kafka; the sampler (Telemetry:TraceSampleRatio)
                // keeps this to one sample in many, and without a listener it costs one branch.
                using (var span = PublishingMetrics.Tracing.HasListeners() ? PublishingMetrics.Tracing.StartActivity("publish " + _topic, System.Diagnostics.ActivityKind.Producer) : null)
                {
                    if (span is not null)
                    {
                        message.Headers = [];
                        message.Headers.SetTraceContext(span);
                    }
                }

                producer.Produce(_topic, message, report => OnDelivered(generation, sequence, report));
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Not handed over: forget it and read it again next round.
                _window.RemoveLast();
                readCursor = start;
                break;
            }
            catch (ProduceException<byte[], byte[]> ex) when (IsPermanent(ex.Error))
            {
                Reject(ex.Error);
                _window.Complete(generation, sequence, delivered: true);
            }
            catch (ProduceException<byte[], byte[]> ex)
            {
                LogKafkaError(_logger, _topic, ex.Error.IsFatal, ex.Error.Reason);
                _producerFailed |= ex.Error.IsFatal;
                _window.RemoveLast();
                _window.MarkFailed();
                readCursor = start;
                break;
            }

            produced++;
        }

        return produced;
    }

    private void OnDelivered(int generation, long sequence, DeliveryReport<byte[], byte[]> report)
    {
        try
        {
            Complete(generation, sequence, report);
        }
        finally
        {
            Wake();
        }
    }

    private void Complete(int generation, long sequence, DeliveryReport<byte[], byte[]> report)
    {
        if (!report.Error.IsError)
        {
            _window.Complete(generation, sequence, delivered: true);
            return;
        }

        if (IsPermanent(report.Error))
        {
            Reject(report.Error);
            _window.Complete(generation, sequence, delivered: true);
            return;
        }

        _window.Complete(generation, sequence, delivered: false);
    }

    // Re-sending would fail again and block everything behind it: count it, log it, move on.
    private void Reject(Error error)
    {
        Interlocked.Increment(ref _rejected);
        PublishingMetrics.Rejected.Add(1);
        LogRejected(_logger, _topic, error.Reason);
    }

    private static bool IsPermanent(Error error) => error.Code is ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize
        or ErrorCode.InvalidMsg or ErrorCode.InvalidRecord;

    private int Acknowledge()
    {
        var drained = _window.DrainDelivered(_acknowledge);
        if (drained > 0)
        {
            Interlocked.Add(ref _acknowledged, drained);
            PublishingMetrics.Acknowledged.Add(drained);
        }

        return drained;
    }

    private async Task<int?> RegisterSchemaAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await _registry.RegisterSchemaAsync(_subject, new Schema(_schemaText, SchemaType.Avro)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or SchemaRegistryException or TimeoutException or TaskCanceledException)
            {
                LogRegistryUnreachable(_logger, ex, _topic, backoff.TotalSeconds);
            }

            try
            {
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        return null;
    }

    private IProducer<byte[], byte[]> BuildProducer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = _bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = _options.Compression,
            LingerMs = _options.LingerMs,
            BatchSize = _options.BatchSizeBytes,
            MessageTimeoutMs = _options.MessageTimeoutMs,
            QueueBufferingMaxMessages = _options.MaxInFlight + 1_000,
            ClientId = "streams-collector-" + _topic,
        })
        .SetErrorHandler((_, error) =>
        {
            LogKafkaError(_logger, _topic, error.IsFatal, error.Reason);
            _producerFailed |= error.IsFatal;
        })
        .SetLogHandler((_, message) => LogKafkaMessage(_logger, message.Facility, message.Message))
        .Build();

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _wakePending, 0);
        await _wake.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka did not acknowledge records for {Topic}: re-sending the {Pending} spooled records in {Seconds} s")]
    private static partial void LogRewind(ILogger logger, string topic, long pending, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka rejected a record for {Topic} for good, dropped: {Reason}")]
    private static partial void LogRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema Registry unreachable for {Topic}, records stay in the spool; retry in {Seconds} s")]
    private static partial void LogRegistryUnreachable(ILogger logger, Exception exception, string topic, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer for {Topic} (fatal: {Fatal}): {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string topic, bool fatal, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Message}")]
    private static partial void LogKafkaMessage(ILogger logger, string facility, string message);
}
