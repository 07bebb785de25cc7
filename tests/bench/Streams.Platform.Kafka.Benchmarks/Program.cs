// Avro produce + consume throughput through the embedded broker and registry, as the pipeline
// uses them: MetricSample values in Confluent wire format, keyed by host, 12 partitions, the
// consumer reading while the producer writes (the embedded broker keeps only ~5 MiB per
// partition, so a consumer that falls behind loses data; lost records are counted).
// Usage: dotnet run -c Release --project tests/bench/Streams.Platform.Kafka.Benchmarks -- [messages] [hosts] [wire|confluent]
// "journal [messages] [startup-messages]" measures produce throughput with the broker's journal against without it, and start-up on the journal.
// "wire" (default) uses Streams.Schemas.Serdes, "confluent" Confluent's AvroSerializer/AvroDeserializer.
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using io.streams.avro;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

// --smoke (infra/test.sh): 20,000 messages over 100 hosts, failing (exit 1) if one is lost, as every run does.
if (args is ["--smoke"])
{
    args = ["20000", "100"];
}

if (args.Length > 0 && args[0] == "journal")
{
    var journalMessages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
    JournalBenchmark.Run(journalMessages, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : journalMessages);
    return 0;
}

var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
var hosts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var confluent = args.Length > 2 && args[2] == "confluent";
const string Topic = "bench.metrics";

using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
kafka.CreateTopic(TopicCatalogue.Schemas.Name, 1);
kafka.CreateTopic(Topic, 12);
await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });

var hostNames = Enumerable.Range(0, hosts).Select(i => $"host-{i:D5}").ToArray();
var metrics = new[] { "cpu.user", "cpu.system", "mem.used", "disk.io.read", "net.rx.bytes", "load.1" };
var tags = new Dictionary<string, string> { ["dc"] = "eu-1", ["role"] = "web" };
var start = DateTime.UtcNow;

using var consumer = new ConsumerBuilder<string, MetricSample>(new ConsumerConfig
{
    BootstrapServers = kafka.BootstrapServers,
    GroupId = "bench",
    AutoOffsetReset = AutoOffsetReset.Earliest,
    EnableAutoCommit = true,
    FetchMaxBytes = 16 << 20,
}).SetValueDeserializer(confluent
    ? new AvroDeserializer<MetricSample>(registryClient, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Topic }).AsSyncOverAsync()
    : new AvroWireDeserializer<MetricSample>(registryClient)).Build();
consumer.Subscribe(Topic);

var consumed = 0L;
var consumeClock = new Stopwatch();
using var stop = new CancellationTokenSource();
var consuming = Task.Run(() =>
{
    while (consumed < messages && !stop.IsCancellationRequested)
    {
        if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
        {
            consumeClock.Start();
            consumed++;
            if (result.Message.Value.host is null)
            {
                throw new InvalidDataException("A consumed sample has no host.");
            }
        }
    }

    consumeClock.Stop();
});

// Let the consumer join its group before the clock starts.
await Task.Delay(TimeSpan.FromSeconds(2));
var clock = Stopwatch.StartNew();
using (var producer = new ProducerBuilder<string, MetricSample>(new ProducerConfig
       {
           BootstrapServers = kafka.BootstrapServers,
           EnableIdempotence = true,
           LingerMs = 5,
           BatchSize = 1 << 20,
           CompressionType = CompressionType.Lz4,
       }).SetValueSerializer(confluent
           ? new AvroSerializer<MetricSample>(registryClient, new AvroSerializerConfig { SubjectNameStrategy = SubjectNameStrategy.Topic }).AsSyncOverAsync()
           : new AvroWireSerializer<MetricSample>(registryClient)).Build())
{
    for (var i = 0; i < messages; i++)
    {
        var host = hostNames[i % hosts];
        var sample = new MetricSample
        {
            host = host,
            metric = metrics[i / hosts % metrics.Length],
            value = i % 100 / 100.0,
            unit = "ratio",
            timestamp = start.AddSeconds(i / hosts * 10),
            tags = tags,
            intervalMs = 10_000,
        };
        while (true)
        {
            try
            {
                producer.Produce(Topic, new Message<string, MetricSample> { Key = host, Value = sample });
                break;
            }
            catch (ProduceException<string, MetricSample> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    producer.Flush(TimeSpan.FromMinutes(2));
}

var produced = clock.Elapsed;
if (!consuming.Wait(TimeSpan.FromMinutes(2)))
{
    await stop.CancelAsync();
    await consuming;
}

var total = clock.Elapsed;
var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages: {messages:N0} MetricSample (Avro, Confluent wire format, lz4), {hosts:N0} hosts, 12 partitions, serdes: {(confluent ? "Confluent" : "Streams.Schemas.Serdes")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"produce: {messages / produced.TotalSeconds:N0} msg/s ({produced.TotalSeconds:N2} s, idempotent, acks=all)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"produce + consume end to end: {consumed / total.TotalSeconds:N0} msg/s ({total.TotalSeconds:N2} s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consumed: {consumed:N0}; lost: {messages - consumed:N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / (1 << 20):N0} MiB"));
return consumed == messages ? 0 : 1;
