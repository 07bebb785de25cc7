// Fleet capacity (issue #20 item 3): the whole `streams up` pipeline (the built host binary, a
// temporary --data-dir, free ports) under `streams simulate --servers N` at rising fleet sizes,
// and beside it in the same run Debian's `prometheus` scraping a fleet of the same shape (one target
// per server, as many series per target as the simulator sends per server, every 10 s).
// Per size: samples/s in; 10 s windows reaching a consumer after their close (end + 5 s grace),
// p50/p99; probe anomaly produced -> alert -> webhook received, p50/p99 (a local receiver, a rule
// and a preference written through the API); metrics_raw rows/s; CPU and peak RSS of the streams
// process; dead letters; records the embedded broker dropped; the largest stage lag from `streams
// status`; whether the size was held in real time (every stage's lag under two collection intervals
// of its topic's input all along, under one after the drain, nothing dropped); Prometheus' samples/s
// and CPU per sample, and Streams' CPU per sample over it. A table on the console and a JSON file.
// Usage: dotnet run -c Release --project tests/bench/Streams.Fleet.Benchmarks --
//          [--sizes 1000,2000,5000,10000] [--duration 300] [--warmup 30] [--drain 30] [--probes 30]
//          [--no-peer] [--json fleet-bench.json] [--streams pipelines/Host/Streams.Host/bin/Release/net10.0/streams]
//        ... -- --smoke (infra/test.sh): 20 servers for 20 s (a drain of up to 30 s); exit 1 unless samples, windows, rows,
//          a probe's webhook and the peer's samples came through and the broker dropped nothing.
// Build the host first: dotnet build pipelines/Host/Streams.Host -c Release.
using System.Globalization;
using System.Text.Json;
using Streams.Fleet.Benchmarks;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = FleetBenchOptions.Parse(args);
var executable = options.Streams ?? FindStreams();
var started = DateTime.UtcNow;
void Step(FormattableString text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(DateTime.UtcNow - started).TotalSeconds,6:F0} s] ") + text.ToString(CultureInfo.InvariantCulture));

Step($"fleet capacity: sizes {string.Join(", ", options.Sizes)}; {options.Duration.TotalSeconds:N0} s each ({options.Warmup.TotalSeconds:N0} s warm-up), {options.Probes} probe anomalies; streams: {executable}; {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
if (options.Peer && !PrometheusPeer.Available)
{
    Step($"peer: {PrometheusPeer.Binary} is missing (apt-get install -y prometheus): no comparison");
}

var results = new List<SizeResult>();
foreach (var servers in options.Sizes)
{
    var result = await FleetRun.RunAsync(executable, servers, options, Step);
    if (options.Peer && PrometheusPeer.Available)
    {
        var seriesPerServer = (int)Math.Round(result.Samples / (double)servers / Math.Max(1, Math.Floor(options.Duration.TotalSeconds / 10)));
        Step($"peer: prometheus scraping {servers:N0} targets x {seriesPerServer} series every 10 s for {options.Duration.TotalSeconds:N0} s");
        result = result with { Prometheus = await PrometheusPeer.RunAsync(servers, Math.Max(1, seriesPerServer), options.Duration, options.Warmup) };
    }

    results.Add(result);
    Step($"{servers:N0} servers: {(result.Held ? "held" : "NOT held")} in real time");
}

Console.WriteLine();
Console.WriteLine($"{"servers",8} | {"samples/s",9} | {"window p50/p99 s",16} | {"webhook p50/p99 ms",18} | {"CH rows/s",9} | {"cores",5} | {"RSS MiB",7} | {"dead",6} | {"dropped",7} | {"max lag",8} | {"held",4} | {"prom samples/s",14} | {"µs/sample streams/prom",22} | {"ratio",5}");
foreach (var r in results)
{
    var peer = r.Prometheus is { } p ? $"{p.SamplesPerSecond,14:N0}" : $"{"-",14}";
    var perSample = r.Prometheus is { } q ? $"{r.CpuMicrosecondsPerSample:N1} / {q.CpuMicrosecondsPerSample:N1}" : $"{r.CpuMicrosecondsPerSample:N1} / -";
    Console.WriteLine($"{r.Servers,8:N0} | {r.SamplesPerSecond,9:N0} | {$"{r.WindowP50Ms / 1000:N1} / {r.WindowP99Ms / 1000:N1}",16} | {$"{r.WebhookP50Ms:N0} / {r.WebhookP99Ms:N0} ({r.Webhooks}/{r.Probes})",18} | {r.ClickHouseRowsPerSecond,9:N0} | {r.Cores,5:N2} | {r.MaxRssMiB,7:N0} | {r.DeadLetters,6:N0} | {r.BrokerDropped,7:N0} | {r.MaxLag,8:N0} | {(r.Held ? "yes" : "no"),4} | {peer} | {perSample,22} | {(r.CpuRatio is { } ratio ? ratio.ToString("N1", CultureInfo.InvariantCulture) : "-"),5}");
}

var largest = results.Where(r => r.Held).Select(r => (int?)r.Servers).Max();
Console.WriteLine($"largest fleet held in real time: {(largest is { } l ? $"{l:N0} servers" : "none of the sizes run")}; max lag at: {string.Join("; ", results.Select(r => $"{r.Servers}: {r.MaxLagAt}"))}");
await File.WriteAllTextAsync(options.Json, JsonSerializer.Serialize(new { machine = new { cpus = Environment.ProcessorCount }, options = new { sizes = options.Sizes, durationSeconds = options.Duration.TotalSeconds, warmupSeconds = options.Warmup.TotalSeconds }, largestHeld = largest, results }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.WriteLine($"JSON: {Path.GetFullPath(options.Json)}");

if (options.Smoke)
{
    var problems = results.SelectMany(r => new[]
    {
        r.Samples > 0 ? null : "no samples acknowledged",
        r.Windows > 0 ? null : "no 10 s window reached metrics.windows",
        r.Samples + r.RowsMinusSamples > 0 ? null : "no rows reached metrics_raw",
        // Any webhook shows the path works; on a loaded machine the last probes may still be on their way.
        r.Webhooks > 0 || r.Probes == 0 ? null : $"none of {r.Probes} probe webhooks arrived",
        r.BrokerDropped == 0 ? null : $"the broker dropped {r.BrokerDropped} records",
        r.Prometheus is null or { SamplesPerSecond: > 0 } ? null : "prometheus appended no sample",
    }).OfType<string>().ToList();
    if (problems.Count > 0)
    {
        Console.Error.WriteLine($"SMOKE FAILED: {string.Join("; ", problems)}");
        return 1;
    }
}

return 0;

static string FindStreams()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
        {
            var apphost = Path.Combine(dir.FullName, "pipelines/Host/Streams.Host/bin/Release/net10.0/streams");
            return File.Exists(apphost) ? apphost : throw new FileNotFoundException($"{apphost} is missing: dotnet build pipelines/Host/Streams.Host -c Release");
        }
    }

    throw new FileNotFoundException("no Streams.sln above the harness: pass --streams PATH");
}
