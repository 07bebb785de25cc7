using ClickHouse.Driver;
using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.DeadLetters;
using Streams.Sinks.ClickHouse.Migrations;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;
using Streams.Topology.Serdes;

namespace Streams.Sinks.ClickHouse;

/// <summary>
/// The <c>sink</c> role: applies the ClickHouse migrations, then runs one consumer per topic
/// (metrics, windows, logs, anomalies, alerts, notifications, forecasts), each on its own thread.
/// </summary>
internal sealed partial class ClickHouseSinkService(
    IKafkaEndpoint kafka,
    IClickHouseEndpoint clickHouse,
    ISinkDeserializerFactory deserializers,
    IOptions<SinkOptions> sinkOptions,
    ILoggerFactory loggerFactory) : BackgroundService
{
    // librdkafka's default of 45 s would keep a restarted instance waiting for its dead
    // predecessor's partitions that long.
    private const int SessionTimeoutMs = 10_000;

    private readonly ILogger logger = loggerFactory.CreateLogger<ClickHouseSinkService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = sinkOptions.Value;
        options.Validate();
        var starters = Starters(options).ToList();
        var unknown = options.Tables.Where(t => !starters.Exists(s => string.Equals(s.Table, t, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Sink:Tables names unknown tables {string.Join(", ", unknown)}; the sink writes {string.Join(", ", starters.Select(s => s.Table))}.");
        }

        using var client = new ClickHouseClient(ConnectionString(clickHouse));
        await MigrateAsync(client, options, stoppingToken);

        using var publisher = new DeadLetterPublisher(new ProducerBuilder<string, byte[]?>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build());
        var intents = new BatchIntents(client, options.GroupId);
        var sinks = new List<Task>();
        foreach (var start in starters)
        {
            if (options.Tables.Count == 0 || options.Tables.Contains(start.Table, StringComparer.OrdinalIgnoreCase))
            {
                sinks.Add(start.Run(client, intents, publisher, start.DropsRepeats ? options.RepeatLookback : 0, stoppingToken));
            }
        }

        LogStarted(sinks.Count, options.GroupId);
        await Task.WhenAll(sinks);
    }

    private async Task MigrateAsync(ClickHouseClient client, SinkOptions options, CancellationToken cancellationToken)
    {
        var migrator = new ClickHouseMigrator(client, logger);
        var delay = options.RetryInitialDelay;
        while (true)
        {
            try
            {
                await migrator.ApplyAsync(MigrationCatalogue.All, cancellationToken);
                await migrator.EnsureMetricsRawTtlAsync(options.MetricsRawTtlDays, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogClickHouseUnavailable(clickHouse.Url, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// The embedded ClickHouse answers on loopback inside this process: gzip of the request
    /// bodies only burns CPU on both ends (measured ~1 us of the ~5 us per row of a 50,000-row
    /// insert), so it is off there; a remote server keeps the driver's default.
    /// </summary>
    internal static string ConnectionString(IClickHouseEndpoint endpoint) =>
        endpoint.IsEmbedded ? endpoint.ConnectionString + ";Compression=false" : endpoint.ConnectionString;

    private IEnumerable<Starter> Starters(SinkOptions options) =>
    [
        Metrics(options.MetricsTopic),
        For(TopicCatalogue.MetricsWindows.Name, new MetricWindowRows()),
        For(options.LogsTopic, new LogRecordRows()) with { DropsRepeats = false },
        For(TopicCatalogue.Anomalies.Name, new AnomalyRows()),
        For(TopicCatalogue.Alerts.Name, new AlertRows()),
        For(TopicCatalogue.Notifications.Name, new NotificationRows()),
        For(TopicCatalogue.Forecasts.Name, new ForecastRows()),
    ];

    /// <summary>
    /// Batches (and per-sample records) are transcoded from Avro into RowBinary when Avro is read the default way: the
    /// transcoder reads the registry's wire format itself, so a replaced deserializer factory
    /// (another way of reading) keeps the generic path.
    /// </summary>
    private Starter Metrics(string topic)
    {
        if (deserializers is not AvroWireDeserializerFactory avro)
        {
            return For(topic, new MetricBatchRows());
        }

        return Start(topic, "metrics_raw", retry => new MetricSampleEncoder(
            new WriterSchemas(avro.Registry, MetricSampleTranscoder.WrittenFor),
            new WriterSchemas(avro.Registry, MetricBatchTranscoder.WrittenFor),
            new RecordDecoder<MetricBatch>(new MetricBatchSerDes(avro.Registry), new MetricBatchRows(), retry),
            retry,
            compress: !clickHouse.IsEmbedded));
    }

    private ConsumerConfig ConsumerConfig(string table) => new()
    {
        BootstrapServers = kafka.BootstrapServers,
        GroupId = sinkOptions.Value.GroupId,
        ClientId = "streams-sink-" + table,
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = SessionTimeoutMs,
        FetchMaxBytes = 16 << 20,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "ClickHouse sink running {Count} topic consumers in group {Group}")]
    private partial void LogStarted(int count, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ClickHouse at {Url} is unavailable for migrations, retrying in {DelayMs} ms: {Error}")]
    private partial void LogClickHouseUnavailable(Uri url, double delayMs, string error);

    private Starter For<T>(string topic, IRowMapper<T> mapper)
        where T : class, Avro.Specific.ISpecificRecord, new() =>
        Start(topic, mapper.Table, retry => new ObjectRowsEncoder<T>(new RecordDecoder<T>(deserializers.Create<T>(), mapper, retry)));

    private Starter Start<TRows>(string topic, string table, Func<Retry, IBatchEncoder<TRows>> encoder)
        where TRows : class =>
        new(table, (client, intents, publisher, repeatLookback, ct) => Task.Factory.StartNew(async () =>
        {
            var logger = loggerFactory.CreateLogger<TopicSink<TRows>>();
            using var sink = new TopicSink<TRows>(topic, ConsumerConfig(table), encoder(new Retry(sinkOptions.Value, logger)), client,
                intents, publisher, sinkOptions.Value, logger, repeatLookback);
            try
            {
                await sink.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: unwritten records stay uncommitted and are read again on restart.
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());

    /// <param name="DropsRepeats">Whether records equal to a recent one are passed over (<see cref="SinkOptions.RepeatLookback"/>).</param>
    private sealed record Starter(string Table, Func<ClickHouseClient, BatchIntents, DeadLetterPublisher, int, CancellationToken, Task> Run, bool DropsRepeats = true);
}
