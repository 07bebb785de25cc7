// Throughput of NormalizeMetrics + WindowMetrics (the processor role) on this machine:
//  1. in Streamiz' TopologyTestDriver (SYNC), each stage apart and both;
//  2. through the embedded broker with the processor's KafkaStream (RocksDB stores + changelogs);
//  3. state-store bytes per series; 4. latency from a window's close to its emission, live.
// Input is what collectors publish: one MetricBatch per host per second; figures count samples (points).
// Usage: dotnet run -c Release --project tests/bench/Streams.Topology.Benchmarks -- [hosts] [seriesPerHost] [seconds]
//        ... -- --smoke (infra/test.sh): 20 hosts x 5 series x 30 s, one driver size, the broker run (every
//        window must come out, else exit 1), no 45 s live latency run.
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Processor;
using Streams.Schemas.Topics;
using Streams.Topology.Benchmarks;
using Streams.Topology.Metrics.Normalize;
using Streams.Topology.Metrics.Window;
using Streams.Topology.Serdes;
using Streams.Topology.State;

var smoke = args is ["--smoke"];
if (smoke)
{
    args = ["20", "5", "30"];
}

var hosts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var seriesPerHost = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var fleet = new Fleet(hosts, seriesPerHost);
var events = (long)hosts * seriesPerHost * seconds;
Console.WriteLine($"fleet: {hosts} hosts x {seriesPerHost} series, {seconds} s at 1 s = {events:N0} samples");

using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
kafka.CreateTopics(TopicCatalogue.All);
await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
var samples = new SchemaAvroSerDes<MetricSample>(registryClient);
var batches = new MetricBatchSerDes(registryClient);
var windowSerDes = new SchemaAvroSerDes<MetricWindow>(registryClient);
var rawContext = new SerializationContext(MessageComponentType.Value, TopicCatalogue.MetricsRaw.Name);

// Event times end a minute ago, so nothing is rejected as in the future and the last windows close.
var t0 = DateTime.UtcNow.AddSeconds(-seconds - 60);
t0 = new DateTime(t0.Ticks - (t0.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
var raw = Enumerable.Range(0, seconds + 20)
    .SelectMany(s => fleet.Batches(t0.AddSeconds(s), s).Select(x => (x.host, Bytes: batches.Serialize(x, rawContext))))
    .ToList();
var rawSamples = (long)raw.Count * seriesPerHost;
Console.WriteLine($"serialized {raw.Count:N0} batches = {rawSamples:N0} samples (incl. 20 s that close the last windows), {raw.Average(r => r.Bytes.Length) / seriesPerHost:F0} B per sample");

// The SYNC driver commits after every record, so every store write also lands in its in-memory
// changelog; its cost grows faster than linearly with the input, hence two sizes.
foreach (var size in smoke ? new[] { 1_000 } : new[] { 10_000, 40_000 })
{
    foreach (var stores in new[] { StateStoreKind.InMemory, StateStoreKind.RocksDb })
    {
        DriverRun(stores, raw.Take(size / seriesPerHost).ToList());
    }
}

StoreSizes();
var complete = await BrokerRunAsync();
if (smoke)
{
    return complete ? 0 : 1;
}

await LatencyRunAsync();
return 0;

void DriverRun(StateStoreKind stores, List<(string Host, byte[] Bytes)> input)
{
    var stateDir = Path.Combine(Path.GetTempPath(), "streams-topology-bench-" + Guid.NewGuid().ToString("N"));
    var builder = new StreamBuilder();
    NormalizeMetrics.Build(builder, batches, samples, new NormalizeOptions { Stores = stores });
    WindowMetrics.Build(builder, batches, windowSerDes, new MetricWindowOptions { Stores = stores });
    using (var driver = new TopologyTestDriver(builder.Build(), new StreamConfig<StringSerDes, StringSerDes> { ApplicationId = "bench", StateDir = stateDir }))
    {
        var rawIn = driver.CreateInputTopic(TopicCatalogue.MetricsRaw.Name, new StringSerDes(), new ByteArraySerDes());
        var cleanOut = driver.CreateOutputTopic(TopicCatalogue.MetricsClean.Name, TimeSpan.FromSeconds(1), new StringSerDes(), new ByteArraySerDes());
        var cleanIn = driver.CreateInputTopic(TopicCatalogue.MetricsClean.Name, new StringSerDes(), new ByteArraySerDes());
        var windowsOut = driver.CreateOutputTopic(TopicCatalogue.MetricsWindows.Name, TimeSpan.FromSeconds(1), new StringSerDes(), new ByteArraySerDes());

        // CPU time besides wall time: on a shared machine other processes' load moves the wall
        // clock far more than the process's own CPU.
        var clock = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        foreach (var (host, bytes) in input)
        {
            rawIn.PipeInput(host, bytes);
        }

        var normalize = clock.Elapsed;
        var normalizeCpu = Environment.CpuUsage.TotalTime - cpu;
        var clean = cleanOut.ReadKeyValueList().ToList();
        clock.Restart();
        cpu = Environment.CpuUsage.TotalTime;
        foreach (var record in clean)
        {
            cleanIn.PipeInput(record.Message.Key, record.Message.Value);
        }

        var window = clock.Elapsed;
        var windowCpu = Environment.CpuUsage.TotalTime - cpu;
        var windows = windowsOut.ReadKeyValueList().Count();
        var count = input.Count * seriesPerHost;
        Console.WriteLine(
            $"driver {stores,-8} {count,6:N0} samples: normalize {count / normalize.TotalSeconds,7:N0} samples/s ({clean.Count:N0} clean batches) | " +
            $"window {count / window.TotalSeconds,7:N0} samples/s ({windows:N0} windows) | both {count / (normalize + window).TotalSeconds,7:N0} samples/s | " +
            $"CPU per sample: normalize {normalizeCpu.TotalMicroseconds / count:F1} µs, window {windowCpu.TotalMicroseconds / count:F1} µs");
    }

    if (Directory.Exists(stateDir))
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

void StoreSizes()
{
    var sample = fleet.Tick(t0, 0).First();
    var host = new HostSeriesState();
    foreach (var s in fleet.Tick(t0, 0).Take(seriesPerHost))
    {
        host.Series[Streams.Topology.Metrics.SeriesId.Of(s.metric, s.tags)] = new SeriesState(1, 2, 3, 1000, false, new RobustStats(100, 1, 1, 0));
    }

    var stateBytes = (new HostSeriesStateSerDes().Serialize(host, default).Length + System.Text.Encoding.UTF8.GetByteCount(sample.host)) / seriesPerHost;

    // A window entry holds the points of up to 100 of a host's series in one window.
    WindowEntry Entry(int points)
    {
        var entry = new WindowEntry();
        var origin = new DateTimeOffset(t0).ToUnixTimeMilliseconds();
        foreach (var s in fleet.Tick(t0, 0).Take(Math.Min(seriesPerHost, WindowEntry.SeriesPerEntry)))
        {
            var series = new SeriesPoints(s.metric, s.unit);
            for (var i = 0; i < points; i++)
            {
                series.Add(origin + (i * 1000L), 0.5 + i, PointKind.Measured, s.unit, late: false);
            }

            entry.Series[Streams.Topology.Metrics.SeriesId.Of(s.metric, s.tags)] = series;
        }

        return entry;
    }

    // Key: host, window start (15 digits) and part, two separators.
    var key = sample.host.Length + 1 + 15 + 1 + 1;
    var serdes = new WindowEntrySerDes();
    var inEntry = Math.Min(seriesPerHost, WindowEntry.SeriesPerEntry);
    double PerSeries(int points) => (key + serdes.Serialize(Entry(points), default).Length) / (double)inEntry;
    var (tenSeconds, oneMinute) = (PerSeries(10), PerSeries(60));
    Console.WriteLine(
        $"state per series (key + value, 1 sample/s): normalize {stateBytes} B; open 10 s window {tenSeconds:F0} B; open 1 min window {oneMinute:F0} B " +
        $"({(oneMinute - tenSeconds) / 50:F1} B a point, {tenSeconds - ((oneMinute - tenSeconds) / 5):F0} B a series besides; a full window entry of {WindowEntry.SeriesPerEntry} series at 1 min: {oneMinute * WindowEntry.SeriesPerEntry / 1000:F0} KB). " +
        "Each store also has a changelog topic of the same order.");
}

async Task<bool> BrokerRunAsync()
{
    var stateDir = Path.Combine(Path.GetTempPath(), "streams-processor-bench-" + Guid.NewGuid().ToString("N"));
    using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 5, BatchSize = 1 << 20 }).Build())
    {
        foreach (var (host, bytes) in raw)
        {
            producer.Produce(TopicCatalogue.MetricsRaw.Name, new Message<string, byte[]> { Key = host, Value = bytes });
        }

        producer.Flush(TimeSpan.FromSeconds(60));
    }

    var expectedWindows = (long)hosts * (seconds / 10) + (long)hosts * (seconds / 60);
    var options = new ProcessorOptions { ApplicationId = "bench-processor", StateDir = stateDir };
    var config = new StreamConfig<StringSerDes, StringSerDes>
    {
        ApplicationId = options.ApplicationId,
        BootstrapServers = kafka.BootstrapServers,
        StateDir = stateDir,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        CommitIntervalMs = 1000,
    };
    var clock = Stopwatch.StartNew();
    var cpu = Environment.CpuUsage.TotalTime;
    using var stream = new KafkaStream(ProcessorTopology.Build(registryClient, options), config, new TopicCreatingKafkaSupplier(config, kafka));
    await stream.StartAsync();
    var windows = CountWindows("bench-broker", expectedWindows, TimeSpan.FromMinutes(5));
    var elapsed = clock.Elapsed;
    var used = Environment.CpuUsage.TotalTime - cpu;
    Console.WriteLine(
        $"broker (RocksDB, 1 thread): {rawSamples:N0} raw samples in {raw.Count:N0} batches -> {windows:N0}/{expectedWindows:N0} windows in {elapsed.TotalSeconds:F1} s = {rawSamples / elapsed.TotalSeconds:N0} samples/s end to end (incl. start-up); " +
        $"process CPU {used.TotalSeconds:F1} s, {used.TotalMicroseconds / rawSamples:F1} µs per sample (the embedded broker's included)");
    stream.Dispose();
    Directory.Delete(stateDir, recursive: true);
    return windows >= expectedWindows;
}

long CountWindows(string group, long expected, TimeSpan timeout)
{
    using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
    {
        BootstrapServers = kafka.BootstrapServers,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    }).Build();
    consumer.Subscribe(TopicCatalogue.MetricsWindows.Name);
    var count = 0L;
    var deadline = DateTime.UtcNow + timeout;
    while (count < expected && DateTime.UtcNow < deadline)
    {
        if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not null)
        {
            count++;
        }
    }

    return count;
}

async Task LatencyRunAsync()
{
    // Live: the fleet reports in real time; latency = when a window reaches metrics.windows minus
    // when it could first close (its end plus the grace). Closing needs the host's next sample
    // past that point, so up to one collection interval (1 s) is inherent.
    var stateDir = Path.Combine(Path.GetTempPath(), "streams-processor-latency-" + Guid.NewGuid().ToString("N"));
    var options = new ProcessorOptions { ApplicationId = "latency-processor", StateDir = stateDir, WindowSizes = [TimeSpan.FromSeconds(10)] };
    var config = new StreamConfig<StringSerDes, StringSerDes>
    {
        ApplicationId = options.ApplicationId,
        BootstrapServers = kafka.BootstrapServers,
        StateDir = stateDir,
        AutoOffsetReset = AutoOffsetReset.Latest,
        CommitIntervalMs = 1000,
    };
    using var stream = new KafkaStream(ProcessorTopology.Build(registryClient, options), config, new TopicCreatingKafkaSupplier(config, kafka));
    await stream.StartAsync();
    await Task.Delay(TimeSpan.FromSeconds(5));

    using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
    {
        BootstrapServers = kafka.BootstrapServers,
        GroupId = "latency-reader",
        AutoOffsetReset = AutoOffsetReset.Latest,
    }).Build();
    consumer.Subscribe(TopicCatalogue.MetricsWindows.Name);
    var latencies = new List<double>();
    var grace = options.WindowGrace.TotalMilliseconds;
    using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 5 }).Build();
    var liveStart = DateTime.UtcNow;
    var tick = 0;
    while (DateTime.UtcNow - liveStart < TimeSpan.FromSeconds(45))
    {
        var now = DateTime.UtcNow;
        foreach (var b in fleet.Batches(now, tick++))
        {
            producer.Produce(TopicCatalogue.MetricsRaw.Name, new Message<string, byte[]> { Key = b.host, Value = batches.Serialize(b, rawContext) });
        }

        var next = now.AddSeconds(1);
        while (DateTime.UtcNow < next)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(20)) is { } result)
            {
                var window = windowSerDes.Deserialize(result.Message.Value, new SerializationContext(MessageComponentType.Value, result.Topic));
                // Only windows that started after the fleet went live are whole.
                if (window.window.start > liveStart)
                {
                    latencies.Add((DateTime.UtcNow - window.window.end).TotalMilliseconds - grace);
                }
            }
        }
    }

    latencies.Sort();
    Console.WriteLine(latencies.Count == 0
        ? "latency: no windows received"
        : $"latency after window close (end + {grace / 1000:F0} s grace) to consumer: {latencies.Count:N0} windows, p50 {latencies[latencies.Count / 2]:F0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} ms, max {latencies[^1]:F0} ms");
    stream.Dispose();
    Directory.Delete(stateDir, recursive: true);
}
