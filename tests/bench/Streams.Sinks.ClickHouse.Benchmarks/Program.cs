// Kafka → ClickHouse throughput of the sink for metric samples, on the embedded platform, and
// where the time goes: the whole sink end to end, then each step alone on the same records
// (consume raw bytes, Avro decode, map to rows, binary insert with its latency), then the
// storage each sample takes after compression (system.parts, after OPTIMIZE FINAL).
// The embedded broker keeps ~5 MiB per partition, so the topic is filled first (lz4) and
// the sink drains it: this measures the sink, not a producer racing it.
// The end-to-end line adds the process's CPU per row (sink, endpoint and chDB share it), bytes
// allocated per row and the collector's pauses; each step line what it allocates.
// Usage: dotnet run -c Release --project tests/bench/Streams.Sinks.ClickHouse.Benchmarks -- [samples] [hosts] [batch size]
// The steps include the transcoder (Avro bytes -> RowBinary, the sink's metrics_raw path) and
// chDB's own ceiling: ready RowBinary inserted with and without the rollup views (RawInsertCeiling).
// BENCH_MODE=inserts times only inserts into metrics_raw copies by rollup views and batch size
// (InsertExperiments); SINK_LOG=Debug (or Trace) logs each write (or insert) with its timings;
// BENCH_INSTANCES=2 runs two sink hosts in one group (the 12 partitions split between them).
using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;
using Streams.Sinks.ClickHouse;
using Streams.Sinks.ClickHouse.Benchmarks;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.RowBinary;
using Streams.Sinks.ClickHouse.Rows;

// --smoke (infra/test.sh): 20,000 samples, 100 hosts, batches of 5,000; fails unless the sink wrote them all.
var smoke = args is ["--smoke"];
if (smoke)
{
    args = ["20000", "100", "5000"];
}

var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600_000;
var hosts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
var topic = TopicCatalogue.MetricsClean.Name;
var dataPath = Path.Combine(Path.GetTempPath(), "streams-sink-bench-" + Guid.NewGuid().ToString("N"));

using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
kafka.CreateTopics(TopicCatalogue.All);
await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
await using var clickHouse = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
// BENCH_CLICKHOUSE_SETTINGS appends to the connection string, e.g. ";Compression=false" to compare.
var connectionString = clickHouse.ConnectionString + Environment.GetEnvironmentVariable("BENCH_CLICKHOUSE_SETTINGS");
using var client = new ClickHouseClient(connectionString);
var instances = int.Parse(Environment.GetEnvironmentVariable("BENCH_INSTANCES") ?? "1", CultureInfo.InvariantCulture);
Report.Line($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}; {Environment.ProcessorCount} cores; sink instances: {instances}");
Report.Line($"samples: {samples:N0} MetricSample, {hosts:N0} hosts x {SampleFleet.Metrics.Length} metrics, 10 s interval, {TopicCatalogue.MetricsClean.Partitions} partitions, sink batch {batchSize:N0} rows/partition");

if (Environment.GetEnvironmentVariable("BENCH_MODE") == "inserts")
{
    await new Streams.Sinks.ClickHouse.Migrations.ClickHouseMigrator(client, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
        .ApplyAsync(Streams.Sinks.ClickHouse.Migrations.MigrationCatalogue.All, CancellationToken.None);
    await InsertExperiments.RunAsync(client, samples, hosts);
    return 0;
}


// 1. Fill the topic.
var clock = Stopwatch.StartNew();
using (var producer = new ProducerBuilder<string, MetricSample>(new ProducerConfig
       {
           BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true, LingerMs = 5, BatchSize = 1 << 20, CompressionType = CompressionType.Lz4,
       }).SetValueSerializer(new AvroWireSerializer<MetricSample>(registryClient)).Build())
{
    foreach (var sample in SampleFleet.Generate(samples, hosts, DateTime.UtcNow.AddHours(-2)))
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, MetricSample> { Key = sample.host, Value = sample });
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

Report.Line($"produce (setup): {samples / clock.Elapsed.TotalSeconds:N0} samples/s");

// 2. The sink role end to end: the host, the migrations, consume, decode, map, insert, commit.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Sink:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
    ["Sink:Tables:0"] = "metrics_raw",
});
builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning).AddFilter("Streams.Sinks", Enum.Parse<LogLevel>(Environment.GetEnvironmentVariable("SINK_LOG") ?? "Warning"));
var endpoints = new BenchEndpoints(kafka.BootstrapServers, registry.Url, clickHouse.Url, connectionString);
builder.Services.AddSingleton<IKafkaEndpoint>(endpoints).AddSingleton<ISchemaRegistryEndpoint>(endpoints).AddSingleton<IClickHouseEndpoint>(endpoints);
builder.Services.AddClickHouseSink(builder.Configuration);
var sinkHosts = new List<IHost> { builder.Build() };
for (var i = 1; i < instances; i++)
{
    var another = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    another.Configuration.AddConfiguration(builder.Configuration);
    another.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning);
    another.Services.AddSingleton<IKafkaEndpoint>(endpoints).AddSingleton<ISchemaRegistryEndpoint>(endpoints).AddSingleton<IClickHouseEndpoint>(endpoints);
    another.Services.AddClickHouseSink(another.Configuration);
    sinkHosts.Add(another.Build());
}

{
    foreach (var host in sinkHosts)
    {
        await host.StartAsync();
    }

    var gcPause = GC.GetTotalPauseDuration();
    var gcCounts = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes();
    var count = 0UL;
    var first = (TimeSpan?)null;
    clock.Restart();
    while (count < (ulong)samples && clock.Elapsed < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(20);
        try
        {
            count = (ulong)(await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"))!;
        }
        catch (ClickHouseServerException)
        {
            continue; // the sink has not created the table yet
        }

        if (count > 0)
        {
            first ??= clock.Elapsed;
        }
    }

    var drained = clock.Elapsed - first!.Value;
    var cpuPerRow = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
    Report.Line($"sink CPU (this process: sink, endpoint, chDB): {cpuPerRow:N1} us/row; allocated {(GC.GetTotalAllocatedBytes() - allocated) / (double)count:N0} B/row; GC gen0/1/2 {GC.CollectionCount(0) - gcCounts.Item1}/{GC.CollectionCount(1) - gcCounts.Item2}/{GC.CollectionCount(2) - gcCounts.Item3}, paused {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:N0} ms, heap {GC.GetGCMemoryInfo().HeapSizeBytes >> 20:N0} MiB");
    foreach (var host in sinkHosts)
    {
        await host.StopAsync();
        host.Dispose();
    }

    Report.Line($"sink end to end ({instances} instance(s)): {count:N0} rows in {drained.TotalSeconds:N2} s from the first row = {count / drained.TotalSeconds:N0} rows/s (start-up, group join and migrations before the first row: {first.Value.TotalSeconds:N2} s)");
    if (smoke && count != (ulong)samples)
    {
        Report.Line($"SMOKE FAILED: metrics_raw holds {count:N0} rows of {samples:N0} samples");
        return 1;
    }
}

// 3. Each step alone, on the same records, with what each allocates (the collector's work).
var stepAllocated = 0L;
var raw = new List<byte[]>(samples);
using (var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
       {
           BootstrapServers = kafka.BootstrapServers, GroupId = "bench-raw", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false,
           FetchMaxBytes = 16 << 20,
       }).Build())
{
    consumer.Subscribe(topic);
    var idle = Stopwatch.StartNew();
    stepAllocated = GC.GetTotalAllocatedBytes(precise: true);
    clock.Reset();
    while (raw.Count < samples && idle.Elapsed < TimeSpan.FromSeconds(10))
    {
        if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } result)
        {
            clock.Start();
            raw.Add(result.Message.Value);
            idle.Restart();
        }
    }

    clock.Stop();
}

Report.Line($"step consume (raw bytes, 1 consumer): {raw.Count / clock.Elapsed.TotalSeconds:N0} records/s, {raw.Sum(r => r.Length) / (double)raw.Count:N0} B/record; allocated {StepAllocated(raw.Count):N0} B/record");

var deserializer = new AvroWireDeserializer<MetricSample>(registryClient);
var context = new SerializationContext(MessageComponentType.Value, topic);
stepAllocated = GC.GetTotalAllocatedBytes(precise: true);
clock.Restart();
var decoded = raw.ConvertAll(bytes => deserializer.Deserialize(bytes, false, context));
Report.Line($"step decode (AvroWireDeserializer): {decoded.Count / clock.Elapsed.TotalSeconds:N0} records/s; allocated {StepAllocated(decoded.Count):N0} B/record");

var chunks = new List<RowBinaryBuffer>();
stepAllocated = GC.GetTotalAllocatedBytes(precise: true);
clock.Restart();
foreach (var chunk in raw.Chunk(Batch<RowBinaryBuffer>.ChunkRecords))
{
    var buffer = new RowBinaryBuffer();
    foreach (var bytes in chunk)
    {
        if (!MetricSampleTranscoder.TryWrite(bytes.AsSpan(5), buffer))
        {
            throw new InvalidOperationException("The transcoder did not take a bench sample.");
        }
    }

    chunks.Add(buffer);
}

Report.Line($"step transcode (Avro bytes -> RowBinary): {raw.Count / clock.Elapsed.TotalSeconds:N0} records/s; allocated {StepAllocated(raw.Count):N0} B/record; {chunks.Sum(c => (long)c.Length) / (double)raw.Count:N1} B/row of RowBinary");

var mapper = new MetricSampleRows();
var rows = new List<object[]>(decoded.Count);
stepAllocated = GC.GetTotalAllocatedBytes(precise: true);
clock.Restart();
decoded.ForEach(sample => mapper.AddRows(sample, rows));
Report.Line($"step map (record -> row): {rows.Count / clock.Elapsed.TotalSeconds:N0} rows/s; allocated {StepAllocated(rows.Count):N0} B/row");

await client.ExecuteNonQueryAsync("CREATE TABLE metrics_insert_only AS metrics_raw");
var latencies = new List<double>();
var insertOnly = new InsertOnlyMapper(mapper);
stepAllocated = GC.GetTotalAllocatedBytes(precise: true);
clock.Restart();
for (var offset = 0; offset < rows.Count; offset += batchSize)
{
    var batch = rows.GetRange(offset, Math.Min(batchSize, rows.Count - offset));
    var one = Stopwatch.StartNew();
    await BatchInsert.InsertAsync(client, insertOnly, new OffsetRange(new TopicPartition(topic, 0), offset, offset + batch.Count - 1, 0), batch, CancellationToken.None);
    latencies.Add(one.Elapsed.TotalMilliseconds);
}

var insertRate = rows.Count / clock.Elapsed.TotalSeconds;
latencies.Sort();
Report.Line($"step insert (binary, 1 at a time, no materialized views): {insertRate:N0} rows/s; latency per {batchSize:N0}-row insert p50 {Percentile(latencies, 0.5):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms; allocated {StepAllocated(rows.Count):N0} B/row (client and endpoint)");

await RawInsertCeiling.RunAsync(client, mapper.Columns, chunks, raw.Count, batchSize);

// Fixed cost of one request, whatever its size.
foreach (var (name, action) in new (string, Func<int, Task>)[]
         {
             ("SELECT 1", _ => client.ExecuteScalarAsync("SELECT 1")),
             ("1-row insert, sink_batches", i => new BatchIntents(client, "bench").RecordAsync([new OffsetRange(new TopicPartition("x", 0), i, i, 0)], CancellationToken.None)),
             ("1-row insert, metrics_raw copy without views", i => BatchInsert.InsertAsync(client, insertOnly, new OffsetRange(new TopicPartition("y", 0), i, i, 0), [rows[i]], CancellationToken.None)),
             ("1-row insert, metrics_raw with its 2 rollup views", i => BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition("z", 0), i, i, 0), [rows[i]], CancellationToken.None)),
         })
{
    var times = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        var one = Stopwatch.StartNew();
        await action(i);
        times.Add(one.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Report.Line($"request cost, {name}: p50 {Percentile(times, 0.5):N1} ms, p99 {Percentile(times, 0.99):N1} ms");
}

// 4. Storage after compression.
await client.ExecuteNonQueryAsync("OPTIMIZE TABLE metrics_raw FINAL");
using (var reader = await client.ExecuteReaderAsync(
           "SELECT sum(rows), sum(data_compressed_bytes), sum(data_uncompressed_bytes) FROM system.parts WHERE active AND database = currentDatabase() AND table = 'metrics_raw'"))
{
    await reader.ReadAsync();
    var stored = reader.GetFieldValue<ulong>(0);
    var compressed = reader.GetFieldValue<ulong>(1);
    var uncompressed = reader.GetFieldValue<ulong>(2);
    Report.Line($"storage metrics_raw: {stored:N0} rows, {compressed / (double)stored:N2} B/sample compressed ({uncompressed / (double)stored:N1} B uncompressed, ratio {uncompressed / (double)compressed:N1}x)");
}

using (var reader = await client.ExecuteReaderAsync(
           "SELECT column, sum(column_data_compressed_bytes) AS bytes FROM system.parts_columns WHERE active AND database = currentDatabase() AND table = 'metrics_raw' GROUP BY column ORDER BY bytes DESC"))
{
    var columns = new List<string>();
    while (await reader.ReadAsync())
    {
        columns.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetFieldValue<ulong>(1) / (double)samples:N2}"));
    }

    Report.Line($"  per column, B/sample: {string.Join(", ", columns)}");
}

await clickHouse.DisposeAsync();
Directory.Delete(dataPath, recursive: true);
return 0;

double StepAllocated(int count) => (GC.GetTotalAllocatedBytes(precise: true) - stepAllocated) / (double)count;

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
