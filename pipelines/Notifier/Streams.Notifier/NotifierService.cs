using Confluent.Kafka;
using Streams.Schemas.Serdes.Tracing;
using Streams.Topology.DeadLetters;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Notifier.Delivery;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Notifier;

/// <summary>
/// The <c>notifier</c> role. At start it reads the preferences (<c>alert-rules</c>) and the ledger
/// of notifications already decided (<c>notifications</c>, every partition from the beginning),
/// then consumes <c>alerts</c> in the <see cref="NotifierOptions.GroupId"/> group: each record is
/// routed, grouped and delivered over the channels' own queues, and its offset is committed only
/// once what it caused is delivered and audited, a notification its group holds back (group wait,
/// group interval) included. A replay finds every notification in the ledger.
/// </summary>
internal sealed partial class NotifierService(
    IOptions<NotifierOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    PreferenceStore preferences,
    NotificationLedger ledger,
    NotificationPlanner planner,
    DeliveryQueues queues,
    INotificationAudit audit,
    TimeProvider clock,
    ILogger<NotifierService> logger) : BackgroundService
{
    // librdkafka's default of 45 s would keep a restarted notifier that long from its dead
    // predecessor's partitions, and so from the notifications their uncommitted records still owe.
    private const int SessionTimeoutMs = 10_000;

    private readonly TaskCompletionSource consuming = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once preferences and ledger are read and <c>alerts</c> is being consumed.</summary>
    public Task Consuming => consuming.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        var notificationReader = new AvroWireDeserializer<Notification>(registryClient);
        using var rules = new CompactedTopicReader(kafka.BootstrapServers, TopicCatalogue.AlertRules.Name, TopicCatalogue.AlertRules.Partitions, preferences.Apply, logger);
        using var notifications = new CompactedTopicReader(
            kafka.BootstrapServers, TopicCatalogue.Notifications.Name, TopicCatalogue.Notifications.Partitions, (_, value) => Observe(notificationReader, value), logger);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var (_, followingRules) = await rules.StartAsync(settings.CatchUpTimeout, stopReading.Token).ConfigureAwait(false);
        var (_, followingLedger) = await notifications.StartAsync(settings.CatchUpTimeout, stopReading.Token).ConfigureAwait(false);
        LogStarting(preferences.Current.Count, ledger.Count, settings.GroupId);
        try
        {
            await Task.Factory.StartNew(() => Consume(registryClient, settings, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(followingRules, followingLedger).ConfigureAwait(false);
        }
    }

    private void Consume(ISchemaRegistryClient registryClient, NotifierOptions settings, CancellationToken stoppingToken)
    {
        var alerts = new AvroWireDeserializer<Alert>(registryClient);
        var tracker = new OffsetTracker();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = settings.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 100,
            SessionTimeoutMs = SessionTimeoutMs,
        })
            .SetPartitionsRevokedHandler((c, revoked) =>
            {
                Commit(c, tracker.Ready().Where(r => revoked.Any(p => p.TopicPartition == r.TopicPartition)).ToList());
                tracker.Forget(revoked.Select(p => p.TopicPartition));
            })
            .Build();
        using var stopDeliveries = new CancellationTokenSource();
        queues.Start(stopDeliveries.Token);
        consumer.Subscribe(TopicCatalogue.Alerts.Name);
        consuming.TrySetResult();
        var nextTick = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } result)
                {
                    Process(consumer, alerts, tracker, result);
                }
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                LogConsumeError(ex.Error.Reason);
            }

            if (clock.GetUtcNow() >= nextTick)
            {
                // Group timers: what they release settles the records the groups held back, whose offsets wait for it.
                Execute(planner.OnTick());
                nextTick = clock.GetUtcNow() + settings.TickInterval;
            }

            Commit(consumer, tracker.Ready());
        }

        stopDeliveries.CancelAfter(settings.DrainTimeout);
        queues.DrainAsync().GetAwaiter().GetResult();
        Commit(consumer, tracker.Ready());
        LogStopped(tracker.InFlight);
        consumer.Close();
    }

    private void Process(IConsumer<string, byte[]> consumer, AvroWireDeserializer<Alert> alerts, OffsetTracker tracker, ConsumeResult<string, byte[]> result)
    {
        Alert? alert;
        try
        {
            alert = result.Message.Value is null ? null : alerts.Deserialize(result.Message.Value, isNull: false, new SerializationContext(MessageComponentType.Value, result.Topic));
        }
        catch (InvalidDataException ex)
        {
            LogUnreadable(result.TopicPartitionOffset.ToString(), ex.Message);
            // Committed once the dead letter is durable: nothing is lost, and the notifier goes on.
            tracker.Track(result.TopicPartitionOffset, audit.DeadLetterAsync(result.TopicPartitionOffset, result.Message.Value ?? [], RejectReason.MalformedAvro, ex.Message, CancellationToken.None));
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or SchemaRegistryException)
        {
            // The registry is away: read the record again rather than skip it.
            LogRegistryUnavailable(ex.Message);
            consumer.Seek(result.TopicPartitionOffset);
            Thread.Sleep(TimeSpan.FromSeconds(1));
            return;
        }

        // Current while the plan is made and audited, so the PENDING audit records carry it.
        using var span = result.Message.Headers.StartSpan(NotifierTracing.Source, "notify");
        tracker.Track(result.TopicPartitionOffset, alert is null ? Task.CompletedTask : Execute(planner.OnAlert(alert)));
    }

    private Task Execute(NotificationPlan plan)
    {
        if (plan.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var done = new List<Task>(plan.Held);
        done.AddRange(plan.Suppressed.Select(s => audit.RecordAsync(s, CancellationToken.None)));
        foreach (var due in plan.Due)
        {
            var delivered = new List<Task>();
            foreach (var delivery in due.Deliveries)
            {
                delivered.AddRange(delivery.Records.Select(r => audit.RecordAsync(r, CancellationToken.None)));
                queues.Enqueue(delivery);
                delivered.Add(delivery.Completion.Task);
            }

            var settled = Task.WhenAll(delivered);
            due.Batch.Changes.SettleWhen(settled);
            done.Add(settled);
        }

        return Task.WhenAll(done);
    }

    private void Observe(AvroWireDeserializer<Notification> reader, byte[]? value)
    {
        if (value is null)
        {
            return;
        }

        try
        {
            var record = reader.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Notifications.Name));
            ledger.Observe(record.id, record.status);
        }
        catch (InvalidDataException ex)
        {
            LogUnreadableAudit(TopicCatalogue.Notifications.Name, ex.Message);
        }
    }

    private void Commit(IConsumer<string, byte[]> consumer, List<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            // The next commit carries the same or later offsets; a missed one only means a longer replay.
            LogCommitFailed(ex.Error.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifier: {Preferences} preferences, {Known} notifications already decided; consuming alerts as {GroupId}")]
    private partial void LogStarting(int preferences, int known, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifier stopped; {InFlight} alert records left uncommitted for the next run")]
    private partial void LogStopped(int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming alerts: {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping an unreadable audit record of {Topic} while reading what was already sent: {Reason}")]
    private partial void LogUnreadableAudit(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable record at {Position}, sent to the dead letters: {Reason}")]
    private partial void LogUnreadable(string position, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema Registry unavailable, retrying the record: {Reason}")]
    private partial void LogRegistryUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing alerts offsets failed: {Reason}")]
    private partial void LogCommitFailed(string reason);
}
