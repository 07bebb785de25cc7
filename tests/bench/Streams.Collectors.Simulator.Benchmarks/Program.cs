// Simulator throughput.
//   generator [servers] [ticks]: values/s of FleetGenerator alone, then events/s of the runner
//     filling MetricBatches into a counting sink (no Kafka, no serialization).
//   broker [servers] [ticks] [rate,rate,...]: for each rate cap, a fresh embedded broker and
//     registry, the simulator publishing Avro through KafkaPublisher while a consumer reads
//     metrics.raw along (the embedded broker keeps ~5 MiB per partition, so a consumer that
//     falls behind loses records); reports achieved events/s, acknowledged, consumed and lost.
// Usage: dotnet run -c Release --project tests/bench/Streams.Collectors.Simulator.Benchmarks -- generator 100000 5
//        dotnet run -c Release --project tests/bench/Streams.Collectors.Simulator.Benchmarks -- broker 10000 3 50000,100000,150000,0
//        ... -- --smoke (infra/test.sh): broker 200 2 0, failing if a sample is lost or unacknowledged
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Streams.Collectors.Simulator.Benchmarks;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Simulation;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

var smoke = args is ["--smoke"];
if (smoke)
{
    args = ["broker", "200", "2", "0"];
}

var mode = args.Length > 0 ? args[0] : "generator";
var servers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var ticks = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var rates = args.Length > 3 ? args[3].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray() : [50_000, 100_000, 150_000, 0];

FleetOptions Fleet() => new()
{
    Servers = servers,
    Seed = 1,
    Start = new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero),
    Interval = TimeSpan.FromSeconds(10),
    Ticks = ticks,
    IncidentFraction = 0.05,
};

static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

if (mode == "generator")
{
    var generator = new FleetGenerator(Fleet());
    var values = new double[SimulationRunner.ChunkSize * FleetGenerator.ValuesPerServer];
    var logs = new List<SimulatedLog>();
    var clock = Stopwatch.StartNew();
    for (var tick = 0; tick < ticks; tick++)
    {
        for (var first = 0; first < servers; first += SimulationRunner.ChunkSize)
        {
            logs.Clear();
            generator.Generate(tick, first, Math.Min(SimulationRunner.ChunkSize, servers - first), values, logs);
        }
    }

    var generated = (double)servers * ticks * FleetGenerator.ValuesPerServer;
    Console.WriteLine($"generator alone: {F(generated)} values in {clock.Elapsed.TotalSeconds:N2} s = {F(generated / clock.Elapsed.TotalSeconds)} samples/s ({servers:N0} servers, {ticks} rounds)");

    var sink = new CountingSink();
    var final = await new SimulationRunner(new FleetGenerator(Fleet()), sink, new Pacer(0, 0), null).RunAsync(TimeSpan.Zero, CancellationToken.None);
    Console.WriteLine($"runner into a counting sink (MetricBatch/LogRecord filled, no Kafka): {F(final.Sent)} events in {final.Elapsed.TotalSeconds:N2} s = {F(final.EventsPerSecond)} events/s");
    return 0;
}

Console.WriteLine($"fleet {servers:N0} servers × {ticks} rounds × {FleetGenerator.ValuesPerServer} series; consumer counts the points of metrics.raw's batches in the same process");
Console.WriteLine("rate cap | achieved events/s | samples acked | consumed | lost | wall s");
foreach (var rate in rates)
{
    using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
    kafka.CreateTopics(TopicCatalogue.All);
    await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);

    using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
    {
        BootstrapServers = kafka.BootstrapServers,
        GroupId = "bench",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        FetchMaxBytes = 16 << 20,
    }).Build();
    consumer.Subscribe(TopicCatalogue.MetricsRaw.Name);
    var consumed = 0L;
    using var stop = new CancellationTokenSource();
    var consuming = Task.Run(() =>
    {
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: { } value })
            {
                // A record is a server's round (MetricBatch): its points are the samples.
                Interlocked.Add(ref consumed, Points(value));
            }
        }
    });
    await Task.Delay(TimeSpan.FromSeconds(2));

    RunSnapshot final;
    using (var sink = new KafkaPublisher(new PublisherOptions { BootstrapServers = kafka.BootstrapServers, SchemaRegistryUrl = registry.Url.ToString() }))
    {
        final = await new SimulationRunner(new FleetGenerator(Fleet()), sink, new Pacer(0, rate), null).RunAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    // Wait for the consumer to catch up or stall.
    var last = -1L;
    while (Interlocked.Read(ref consumed) != last && Interlocked.Read(ref consumed) < final.Samples)
    {
        last = Interlocked.Read(ref consumed);
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    await stop.CancelAsync();
    await consuming;
    consumer.Close();
    var acked = final.Acknowledged - final.Logs - final.Labels;
    Console.WriteLine($"{(rate == 0 ? "none" : F(rate)),8} | {F(final.EventsPerSecond),17} | {F(acked),13} | {F(consumed),8} | {F(acked - consumed),4} | {final.Elapsed.TotalSeconds:N1}");
    if (smoke && (acked != final.Samples || consumed < acked))
    {
        Console.Error.WriteLine($"SMOKE FAILED: {final.Samples} samples sent, {acked} acknowledged, {consumed} consumed");
        return 1;
    }
}

return 0;

// The Confluent wire header (magic byte, schema id) and then the batch, written with this very schema.
static int Points(byte[] value) =>
    new Avro.Specific.SpecificDatumReader<io.streams.avro.MetricBatch>(io.streams.avro.MetricBatch._SCHEMA, io.streams.avro.MetricBatch._SCHEMA)
        .Read(null!, new Avro.IO.BinaryDecoder(new MemoryStream(value, 5, value.Length - 5))).points.Count;
