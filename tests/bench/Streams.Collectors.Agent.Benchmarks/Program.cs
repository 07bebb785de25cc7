// Host agent cost at a 1 s interval, side by side with Debian's prometheus-node-exporter scraped
// every second: CPU (% of one core) and RSS of each process over the same window, and the ratio.
// The agent runs as it is deployed (the collector role in its own process: sampling, Avro, spool,
// idempotent lz4 producer) against an embedded broker and registry hosted by this parent process.
// Also measures one sampling pass in-process: time and bytes allocated.
// Usage: dotnet run -c Release --project tests/bench/Streams.Collectors.Agent.Benchmarks -- [seconds] | --smoke
// --smoke (infra/test.sh): 3 s after a 3 s warm-up; fails unless the agent published and node_exporter answered.
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Agent;
using Streams.Collectors.Agent.Benchmarks;
using Streams.Collectors.Agent.Sampling;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

if (args is ["agent", var bootstrap, var registryUrl, var spool])
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Collector:Host"] = "bench-host",
        ["Collector:IntervalSeconds"] = "1",
        ["Collector:Publishing:SpoolPath"] = spool,
    });
    var endpoints = new BenchEndpoints(bootstrap, new Uri(registryUrl));
    builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
    builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
    builder.Services.AddCollector(builder.Configuration);
    await builder.Build().RunAsync();
    return 0;
}

var smoke = args is ["--smoke"];
var seconds = smoke ? 3 : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
// 35 s: methods run once per tick reach tiered compilation's tier 1 after ~30 calls; the window measures the steady state.
var warmUpSeconds = smoke ? 3 : 35;
MeasureOnePass();

using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
kafka.CreateTopic(TopicCatalogue.Schemas.Name, 1);
kafka.CreateTopic(TopicCatalogue.MetricsRaw.Name, TopicCatalogue.MetricsRaw.Partitions);
await using var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, kafka.BootstrapServers);
var spoolPath = Path.Combine(Path.GetTempPath(), "streams-agent-bench-" + Guid.NewGuid().ToString("N"));

var agentStart = new ProcessStartInfo("dotnet") { UseShellExecute = false };
foreach (var argument in new[] { typeof(BenchEndpoints).Assembly.Location, "agent", kafka.BootstrapServers, registry.Url.ToString(), spoolPath })
{
    agentStart.ArgumentList.Add(argument);
}

using var agent = Process.Start(agentStart)!;
using var exporter = Process.Start(new ProcessStartInfo("prometheus-node-exporter", "--web.listen-address=127.0.0.1:9100") { UseShellExecute = false, RedirectStandardError = true })!;
exporter.ErrorDataReceived += (_, _) => { };
exporter.BeginErrorReadLine();
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
var scrapes = 0;
var scrapedBytes = 0L;
try
{
    var agentMeter = new ProcessMeter(agent.Id);
    var exporterMeter = new ProcessMeter(exporter.Id);
    var warmUp = DateTime.UtcNow.AddSeconds(warmUpSeconds);
    var end = warmUp.AddSeconds(seconds);
    var started = false;
    using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
    while (await tick.WaitForNextTickAsync() && DateTime.UtcNow < end)
    {
        try
        {
            var body = await http.GetStringAsync(new Uri("http://127.0.0.1:9100/metrics"));
            scrapedBytes += body.Length;
            scrapes++;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"node_exporter scrape failed: {ex.Message}");
        }

        if (!started && DateTime.UtcNow >= warmUp)
        {
            agentMeter.Start();
            exporterMeter.Start();
            scrapes = 0;
            scrapedBytes = 0;
            started = true;
        }

        if (started)
        {
            agentMeter.SampleMemory();
            exporterMeter.SampleMemory();
        }
    }

    var agentCpu = agentMeter.CpuPercentOfOneCore;
    var exporterCpu = exporterMeter.CpuPercentOfOneCore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window: {seconds} s after {warmUpSeconds} s warm-up, interval 1 s, {Environment.ProcessorCount} cores"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agent (collector role, own process): CPU {agentCpu:F2} % of one core, RSS mean {agentMeter.MeanRssMiB:F1} MiB, max {agentMeter.MaxRssMiB:F1} MiB, PSS mean {agentMeter.MeanPssMiB:F1} MiB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prometheus-node-exporter 1.5 (scraped {scrapes}x, {scrapedBytes / Math.Max(1, scrapes) / 1024} KiB each): CPU {exporterCpu:F2} % of one core, RSS mean {exporterMeter.MeanRssMiB:F1} MiB, max {exporterMeter.MaxRssMiB:F1} MiB, PSS mean {exporterMeter.MeanPssMiB:F1} MiB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio agent / node_exporter: CPU {agentCpu / exporterCpu:F2}, RSS {agentMeter.MeanRssMiB / exporterMeter.MeanRssMiB:F2}, PSS {agentMeter.MeanPssMiB / exporterMeter.MeanPssMiB:F2}"));
}
finally
{
    agent.Kill(entireProcessTree: true);
    exporter.Kill();
    await agent.WaitForExitAsync();
    await exporter.WaitForExitAsync();
}

var published = CountRecords(kafka.BootstrapServers);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples the agent published to {TopicCatalogue.MetricsRaw.Name}: {published:N0}"));
Directory.Delete(spoolPath, recursive: true);
if (smoke && (published == 0 || scrapes == 0))
{
    Console.Error.WriteLine($"SMOKE FAILED: {published} samples published, {scrapes} node_exporter scrapes");
    return 1;
}

return 0;

static void MeasureOnePass()
{
    var writer = new DiscardingWriter();
    var sampler = new HostSampler(new ProcFiles("/"), new SampleEmitter("bench-host", new Dictionary<string, string> { ["role"] = "bench" }, 1_000, writer));
    var now = DateTime.UtcNow;
    // Warm up past tiered compilation (tier-1 code replaces tier-0 in the background after ~30 calls).
    for (var i = 0; i < 500; i++)
    {
        sampler.Sample(now = now.AddSeconds(1));
    }

    Thread.Sleep(500);

    const int Passes = 2_000;
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < Passes; i++)
    {
        sampler.Sample(now = now.AddSeconds(1));
    }

    clock.Stop();
    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"one sampling pass over /proc and /sys (no publishing): {clock.Elapsed.TotalMicroseconds / Passes:F0} µs, {allocated / Passes:N0} bytes allocated, {writer.Count / (Passes + 500)} samples"));
}

static long CountRecords(string bootstrapServers)
{
    using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "bench-count" }).Build();
    var total = 0L;
    for (var partition = 0; partition < TopicCatalogue.MetricsRaw.Partitions; partition++)
    {
        var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(TopicCatalogue.MetricsRaw.Name, partition), TimeSpan.FromSeconds(5));
        total += offsets.High - offsets.Low;
    }

    return total;
}
