using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Api.Contracts;
using Streams.Api.Http;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Api.Live;

/// <summary>
/// Follows <c>alerts</c>, <c>anomalies</c>, <c>metrics.windows</c> and <c>notifications.dashboard</c> from their end (assigned,
/// no group: every API instance sees every record) and fans each record out to the WebSocket
/// clients whose filter wants it. A frame is serialised once and shared; the only per-client
/// work is a non-blocking enqueue. Windows are decoded only when a client wants the host.
/// </summary>
internal sealed partial class LiveHub(IKafkaEndpoint kafka, ISchemaRegistryEndpoint registry, ILogger<LiveHub> logger) : BackgroundService
{
    // Alerts the hub has passed on since it started: the sink writes them to ClickHouse a
    // second or so later, and an admin may acknowledge from the live feed before that.
    private const int RecentAlertsBound = 100_000;

    private readonly ConcurrentDictionary<LiveClient, byte> clients = new();
    private readonly ConcurrentDictionary<string, byte> recentAlerts = new(StringComparer.Ordinal);

    public int ClientCount => clients.Count;

    public void Add(LiveClient client) => clients.TryAdd(client, 0);

    /// <summary>Whether an alert with this fingerprint came by since the hub started (not yet necessarily in ClickHouse).</summary>
    public bool HasSeenAlert(string fingerprint) => recentAlerts.ContainsKey(fingerprint);

    public void Remove(LiveClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        clients.TryRemove(client, out _);
        client.Complete();
    }

    /// <summary>Sends <paramref name="data"/> as a <paramref name="type"/> frame to the clients that want it; returns how many took it.</summary>
    public int Publish(string feed, string type, object data, string? host, int severityRank)
    {
        byte[]? frame = null;
        var sent = 0;
        foreach (var client in clients.Keys)
        {
            if (client.Filter.Wants(feed, host, severityRank))
            {
                frame ??= Frame(type, data);
                client.Enqueue(frame);
                sent++;
            }
        }

        return sent;
    }

    public static byte[] Frame(string type, object data) => JsonSerializer.SerializeToUtf8Bytes(new LiveMessage(type, data), ApiJson.Options);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Consume(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Consume(CancellationToken stoppingToken)
    {
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        var alerts = new AvroWireDeserializer<Alert>(registryClient);
        var anomalies = new AvroWireDeserializer<Anomaly>(registryClient);
        var windows = new AvroWireDeserializer<MetricWindow>(registryClient);
        var notifications = new AvroWireDeserializer<DashboardNotification>(registryClient);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            // Never joins a group: partitions are assigned. librdkafka still wants a group id.
            GroupId = "streams-api-live-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 50,
        }).Build();
        consumer.Assign(
            new[] { TopicCatalogue.Alerts, TopicCatalogue.Anomalies, TopicCatalogue.MetricsWindows, TopicCatalogue.DashboardNotifications }
                .SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartitionOffset(t.Name, p, Offset.End))));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(250)) is { Message: { } message } result && !clients.IsEmpty)
                {
                    Dispatch(result.Topic, message, new Decoders(alerts, anomalies, windows, notifications));
                }
            }
            catch (ConsumeException e)
            {
                LogConsumeError(e.Error.Reason);
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
            }
            catch (InvalidDataException e)
            {
                LogUnreadable(e.Message);
            }
        }

        consumer.Close();
    }

    private void Dispatch(string topic, Message<string, byte[]> message, Decoders decoders)
    {
        if (message.Value is null)
        {
            return;
        }

        var context = new SerializationContext(MessageComponentType.Value, topic);
        if (topic == TopicCatalogue.Alerts.Name)
        {
            var alert = LiveMapping.ToView(decoders.Alerts.Deserialize(message.Value, false, context));
            if (recentAlerts.Count >= RecentAlertsBound)
            {
                recentAlerts.Clear();
            }

            recentAlerts.TryAdd(alert.Fingerprint, 0);
            Publish(LiveFilter.Alerts, "alert", alert, alert.Labels.GetValueOrDefault("host"), SeverityText.Rank(alert.Severity));
        }
        else if (topic == TopicCatalogue.Anomalies.Name)
        {
            var anomaly = LiveMapping.ToView(decoders.Anomalies.Deserialize(message.Value, false, context));
            Publish(LiveFilter.Anomalies, "anomaly", anomaly, anomaly.Host, SeverityText.Rank(anomaly.Severity));
        }
        else if (topic == TopicCatalogue.DashboardNotifications.Name)
        {
            var notification = LiveMapping.ToView(decoders.Notifications.Deserialize(message.Value, false, context));
            Publish(LiveFilter.Notifications, "notification", notification, null, SeverityText.Rank(notification.Severity));
        }
        else if (clients.Keys.Any(c => c.Filter.Wants(LiveFilter.Windows, message.Key, int.MaxValue)))
        {
            var window = decoders.Windows.Deserialize(message.Value, false, context);
            foreach (var client in clients.Keys.Where(c => c.Filter.Wants(LiveFilter.Windows, window.host, int.MaxValue)))
            {
                // Series filters differ per client, so window frames are built per client.
                client.Enqueue(Frame("window", LiveMapping.ToView(window, client.Filter)));
            }
        }
    }

    private sealed record Decoders(
        AvroWireDeserializer<Alert> Alerts,
        AvroWireDeserializer<Anomaly> Anomalies,
        AvroWireDeserializer<MetricWindow> Windows,
        AvroWireDeserializer<DashboardNotification> Notifications);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed: {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed skips a record: {Reason}")]
    private partial void LogUnreadable(string reason);
}
