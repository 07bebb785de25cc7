using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// The background a real fleet puts on the alerting role: every server's 10 s MetricWindow
/// (20 series, values below every default threshold, so no rule fires), spread evenly over the
/// 10 s so the role sees a steady ~servers/10 windows/s rather than bursts, plus anomalies at
/// INFO severity that no rule takes (the alerting role still decodes and judges each one).
/// </summary>
internal sealed class FleetLoad : IAsyncDisposable
{
    /// <summary>Ticks per window period: the fleet is produced in 100 slices, one every 100 ms.</summary>
    private const int Slices = 100;

    private static readonly (string Metric, string? Tag, string Unit, double Low, double High)[] Series =
    [
        ("cpu.util", null, "ratio", 0.20, 0.60),
        ("cpu.user", null, "ratio", 0.10, 0.40),
        ("cpu.system", null, "ratio", 0.05, 0.15),
        ("cpu.iowait", null, "ratio", 0.00, 0.05),
        ("load.1m", null, "", 0.5, 4),
        ("load.5m", null, "", 0.5, 3.5),
        ("load.15m", null, "", 0.5, 3),
        ("mem.used.percent", null, "ratio", 0.40, 0.70),
        ("mem.available", null, "bytes", 4e9, 12e9),
        ("swap.used.percent", null, "ratio", 0.00, 0.05),
        ("fs.used.percent", "mount=/", "ratio", 0.30, 0.70),
        ("fs.used.percent", "mount=/var", "ratio", 0.40, 0.80),
        ("disk.read.bytes", "device=sda", "bytes/s", 1e5, 5e6),
        ("disk.write.bytes", "device=sda", "bytes/s", 1e5, 8e6),
        ("disk.util", "device=sda", "ratio", 0.01, 0.30),
        ("net.rx.bytes", "interface=eth0", "bytes/s", 1e5, 2e7),
        ("net.tx.bytes", "interface=eth0", "bytes/s", 1e5, 2e7),
        ("tcp.established", null, "", 20, 400),
        ("tcp.retransmits", null, "1/s", 0, 5),
        ("procs.running", null, "", 1, 8),
    ];

    private readonly IProducer<string, byte[]> producer;
    private readonly AvroWireSerializer<MetricWindow> windows;
    private readonly AvroWireSerializer<Anomaly> anomalies;
    private readonly string[] hosts;
    private readonly double noisePerSecond;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly Random random = new(42);
    private long windowsDelivered;
    private long anomaliesDelivered;
    private long failed;

    private FleetLoad(string bootstrapServers, ISchemaRegistryClient registry, string[] hosts, double noisePerSecond)
    {
        this.hosts = hosts;
        this.noisePerSecond = noisePerSecond;
        windows = new AvroWireSerializer<MetricWindow>(registry);
        anomalies = new AvroWireSerializer<Anomaly>(registry);
        // As the processor and scorer roles produce: idempotent, acks=all, a short linger.
        producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5, CompressionType = CompressionType.Lz4,
        }).Build();
        running = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public long WindowsDelivered => Interlocked.Read(ref windowsDelivered);

    public long AnomaliesDelivered => Interlocked.Read(ref anomaliesDelivered);

    public long Failed => Interlocked.Read(ref failed);

    public static string Host(int index) => $"srv-{index:D4}";

    public static FleetLoad Start(string bootstrapServers, ISchemaRegistryClient registry, int servers, double noisePerSecond) =>
        new(bootstrapServers, registry, [.. Enumerable.Range(0, servers).Select(Host)], noisePerSecond);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10.0 / Slices));
        var clock = Stopwatch.StartNew();
        var slice = 0L;
        var noiseDue = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                // Catch up after a stall (GC, a busy machine) so the offered load stays the nominal one.
                var target = (long)(clock.Elapsed.TotalSeconds * Slices / 10.0);
                for (; slice < target; slice++)
                {
                    ProduceSlice(slice);
                }

                noiseDue += noisePerSecond * (10.0 / Slices);
                for (; noiseDue >= 1; noiseDue--)
                {
                    ProduceNoise();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void ProduceSlice(long slice)
    {
        var now = DateTime.UtcNow;
        // The window that closed last: [end - 10 s, end), end on a 10 s boundary.
        var end = new DateTime(now.Ticks - (now.Ticks % (10 * TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
        var start = end.AddSeconds(-10);
        for (var h = (int)(slice % Slices); h < hosts.Length; h += Slices)
        {
            var window = Window(hosts[h], start, end, now);
            Produce(TopicCatalogue.MetricsWindows.Name, window.host, windows.Serialize(window, new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsWindows.Name)), isWindow: true);
        }
    }

    private void ProduceNoise()
    {
        var host = hosts[random.Next(hosts.Length)];
        var now = DateTime.UtcNow;
        var anomaly = Probe.Anomaly(host, Severity.INFO, now);
        Produce(TopicCatalogue.Anomalies.Name, host, anomalies.Serialize(anomaly, new SerializationContext(MessageComponentType.Value, TopicCatalogue.Anomalies.Name)), isWindow: false);
    }

    private void Produce(string topic, string key, byte[] value, bool isWindow)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value }, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    else
                    {
                        Interlocked.Increment(ref isWindow ? ref windowsDelivered : ref anomaliesDelivered);
                    }
                });
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private MetricWindow Window(string host, DateTime start, DateTime end, DateTime now)
    {
        var stats = new List<SeriesStats>(Series.Length);
        var features = new List<double>(Series.Length);
        foreach (var (metric, tag, unit, low, high) in Series)
        {
            var mean = low + ((high - low) * random.NextDouble());
            var spread = (high - low) * 0.05;
            stats.Add(new SeriesStats
            {
                series = tag is null ? metric : $"{metric}{{{tag}}}",
                metric = metric,
                unit = unit,
                count = 10,
                min = Math.Max(low, mean - spread),
                max = Math.Min(high, mean + spread),
                mean = mean,
                stddev = spread / 2,
                last = mean,
                p95 = Math.Min(high, mean + (spread * 0.9)),
            });
            features.Add(mean);
        }

        return new MetricWindow
        {
            host = host,
            window = new TimeWindow { start = start, end = end },
            windowSizeMs = 10_000,
            series = stats,
            featureNames = [.. stats.Select(s => s.series)],
            features = features,
            present = [.. stats.Select(_ => true)],
            lateSamples = 0,
            emittedAt = now,
        };
    }
}
