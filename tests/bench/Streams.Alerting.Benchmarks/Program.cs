// Alerting latency (issue #8 part 5): from an anomaly produced on `anomalies` to the webhook
// arriving at a local receiver, through the alerting role (EvaluateAlerts on Streamiz: anomalies
// + metrics.windows + logs.windows, repartitioned by host, → alerts) and the notifier role
// (alerts → routing → webhook), both in this process on the embedded platform, while a simulated
// fleet loads the alerting role with one MetricWindow per server per 10 s and unmatched anomalies.
// Each measured anomaly is for a distinct host, so each fires a new alert (rule: anomaly,
// WARNING, 1 window, for 0 s) and a new webhook (preference: group wait 0 s).
// The latency runs from just before ProduceAsync; a separate consumer of `alerts` splits it into
// the alerting role's share and the notifier's. Start-up (group joins, the first fetches, the
// roles catching up with the load produced meanwhile) is reported apart: measuring starts once a
// warm-up anomaly has gone all the way through, then --warmup more at the measured rate.
// Usage: dotnet run -c Release --project tests/bench/Streams.Alerting.Benchmarks --
//          [--servers 1000] [--count 300] [--rate 5] [--warmup 20] [--noise 2] [--timeout 30] [--short | --smoke]
//          [--Alerting:CommitIntervalMs=100] [--Notifier:TickInterval=00:00:00.050] ... (any role setting)
//          [--experiment-fetch-wait-ms 10 [--experiment-linger-ms 0] [--experiment-poll-ms 10]]: the alerting topology outside its role with
//          these librdkafka settings, which no configuration key reaches (see TunedAlerting)
// BENCH_LOG=Information shows the roles' logs (Warning by default).
using System.Diagnostics;
using io.streams.avro;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Streams.Alerting.Benchmarks;
using Streams.Testing;

Report.Start();
var options = BenchOptions.Parse(args);
var logLevel = Enum.Parse<LogLevel>(Environment.GetEnvironmentVariable("BENCH_LOG") ?? "Warning");
Report.Line($"alerting latency: {options.Servers:N0} servers (1 MetricWindow of 20 series each per 10 s), {options.Noise} unmatched anomalies/s, {options.Count} measured anomalies at {options.Rate}/s after {options.Warmup} warm-up, lost after {options.Timeout.TotalSeconds:N0} s{(options.Short ? " (short)" : "")}");
Report.Line($"role settings: {(options.RoleSettings.Count == 0 ? "defaults" : string.Join(", ", options.RoleSettings.Select(s => $"{s.Key}={s.Value}")))}; {Environment.ProcessorCount} CPUs");

var startup = Stopwatch.StartNew();
await using var platform = await StreamizTestPlatform.StartAsync();
await using var receiver = await WebhookReceiver.StartAsync();
await BenchConfig.WriteAsync(platform.Kafka.BootstrapServers, receiver.Url);
Report.Step($"platform up (embedded Kafka {platform.Kafka.BootstrapServers}, registry, webhook {receiver.Url}), rules and preference written");

using var probes = new ProbeProducer(platform.Kafka.BootstrapServers, platform.RegistryClient);
// Registers the Anomaly schema before any clock runs.
await probes.SendAsync(new Probe("schema-registration"), Severity.INFO);
await using var load = FleetLoad.Start(platform.Kafka.BootstrapServers, platform.RegistryClient, options.Servers, options.Noise);

var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
{
    ["Alerting:StateDir"] = platform.TempDirectory("alerting-bench-"),
    ["Alerting:SeedDefaultRules"] = "false",
    ["Notifier:GroupId"] = "alerting-bench-notifier",
    // The webhook receiver listens on 127.0.0.1, which the notifier refuses unless allowed.
    ["Notifier:Targets:Allow:0"] = "127.0.0.0/8",
};
foreach (var (key, value) in options.RoleSettings)
{
    settings[key] = value;
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var experiment = options.Experiment;
if (experiment is not null)
{
    Report.Line($"EXPERIMENT: the alerting topology runs in TunedAlerting with {experiment}, not in the alerting role");
}

await using var roles = await RoleHosts.StartAsync(platform, configuration, logLevel, experiment);
await roles.AlertingRunning().WaitAsync(TimeSpan.FromSeconds(120));
Report.Step($"alerting role RUNNING");
await roles.NotifierConsuming().WaitAsync(TimeSpan.FromSeconds(120));
Report.Step($"notifier consuming alerts");
using var watcher = new AlertWatcher(platform.Kafka.BootstrapServers, platform.RegistryClient, configuration["Alerting:ApplicationId"]);
while (!watcher.Assigned)
{
    await Task.Delay(50);
}

Report.Step($"stage watcher assigned");

// The first anomaly through also waits for the notifier's and the watcher's group joins and the
// alerting role's catch-up: one every 2 s until one arrives.
var first = (Probe?)null;
var firstSent = Stopwatch.StartNew();
for (var attempt = 0; first is null; attempt++)
{
    if (firstSent.Elapsed > TimeSpan.FromSeconds(180))
    {
        Report.Line($"FAILED: no warm-up anomaly reached the webhook in 180 s");
        return 1;
    }

    var probe = new Probe($"warmup-first-{attempt}");
    await probes.SendAsync(probe);
    var deadline = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < deadline && !receiver.TryGetArrival(probe.Host, out _))
    {
        await Task.Delay(10);
    }

    if (receiver.TryGetArrival(probe.Host, out var arrived))
    {
        first = probe;
        Report.Step($"first anomaly end to end after {attempt + 1} attempt(s): {Probe.Milliseconds(probe.Before, arrived):N0} ms for it; start-up total {startup.Elapsed.TotalSeconds:N1} s");
    }
}

var warmup = Enumerable.Range(0, options.Warmup).Select(i => new Probe($"warmup-{i}")).ToList();
await probes.SendAtRateAsync(warmup, options.Rate);
await WaitAsync(warmup);
Report.Step($"warm-up: {warmup.Count(p => receiver.TryGetArrival(p.Host, out _))}/{warmup.Count} through; {Report.Percentiles(EndToEnd(warmup))}");

// Measured: a fleet host per anomaly (distinct), beyond the fleet extra hosts.
var measured = Enumerable.Range(0, options.Count).Select(i => new Probe(i < options.Servers ? FleetLoad.Host(i) : $"extra-{i}")).ToList();
var windowsBefore = load.WindowsDelivered;
var noiseBefore = load.AnomaliesDelivered;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var gcBefore = GC.GetTotalPauseDuration();
var gen2Before = GC.CollectionCount(2);
var clock = Stopwatch.StartNew();
await probes.SendAtRateAsync(measured, options.Rate);
var sending = clock.Elapsed;
var windowsDuringSend = load.WindowsDelivered - windowsBefore;
var noiseDuringSend = load.AnomaliesDelivered - noiseBefore;
await WaitAsync(measured);
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var elapsed = clock.Elapsed;

var delivered = measured.Count(p => receiver.TryGetArrival(p.Host, out _));
Report.Line($"");
Report.Line($"load achieved: {windowsDuringSend / sending.TotalSeconds:N1} windows/s (nominal {options.Servers / 10.0:N1}), {noiseDuringSend / sending.TotalSeconds:N1} unmatched anomalies/s, {load.Failed} produce failures; measured anomalies sent at {measured.Count / sending.TotalSeconds:N2}/s over {sending.TotalSeconds:N1} s");
Report.Line($"delivered: {delivered}/{measured.Count}, lost (no webhook {options.Timeout.TotalSeconds:N0} s after produce): {measured.Count - delivered}; produce failures {measured.Count(p => p.Delivered < 0)}");
Report.Line($"end to end, anomaly ProduceAsync -> webhook received: {Report.Percentiles(EndToEnd(measured))}");
Report.Line($"  produce ack (ProduceAsync -> delivery report):         {Report.Percentiles(Stage(measured, p => p.Delivered > 0 ? Probe.Milliseconds(p.Before, p.Delivered) : null))}");
Report.Line($"  anomaly -> on the alerting repartition topic (hop 1):  {Report.Percentiles(Stage(measured, p => watcher.TryGetRepartitioned(p.Host, out var r) ? Probe.Milliseconds(p.Before, r) : null))}");
Report.Line($"  repartition -> alert on `alerts` (hop 2):             {Report.Percentiles(Stage(measured, p => watcher.TryGetRepartitioned(p.Host, out var r) && watcher.TryGet(p.Host, out var a) ? Probe.Milliseconds(r, a.Seen) : null))}");
Report.Line($"  anomaly -> alerting decision (alert updatedAt, 1 ms):   {Report.Percentiles(Stage(measured, p => watcher.TryGet(p.Host, out var a) ? (a.UpdatedAt - p.BeforeWall).TotalMilliseconds : null))}");
Report.Line($"  anomaly -> alert on `alerts` (separate consumer):       {Report.Percentiles(Stage(measured, p => watcher.TryGet(p.Host, out var a) ? Probe.Milliseconds(p.Before, a.Seen) : null))}");
Report.Line($"  alert on `alerts` -> webhook (notifier stage):          {Report.Percentiles(Stage(measured, p => watcher.TryGet(p.Host, out var a) && receiver.TryGetArrival(p.Host, out var w) ? Probe.Milliseconds(a.Seen, w) : null))}");
Report.Line($"process CPU during the measurement: {cpu.TotalSeconds / elapsed.TotalSeconds:N2} cores of {Environment.ProcessorCount} (platform, both roles, load, receiver); GC paused {(GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds:N0} ms, {GC.CollectionCount(2) - gen2Before} gen2; alerts records seen {watcher.Records:N0}, webhooks {receiver.Requests:N0}");
if (options.Smoke && (delivered < measured.Count || !measured.All(p => watcher.TryGetRepartitioned(p.Host, out _))))
{
    Report.Line($"SMOKE FAILED: {delivered}/{measured.Count} webhooks, {measured.Count(p => watcher.TryGetRepartitioned(p.Host, out _))}/{measured.Count} seen on the repartition topic");
    return 1;
}

return 0;

async Task WaitAsync(IReadOnlyList<Probe> sent)
{
    var timeout = Stopwatch.Frequency * (long)options.Timeout.TotalSeconds;
    while (sent.Any(p => !receiver.TryGetArrival(p.Host, out _) && Stopwatch.GetTimestamp() - p.Before < timeout))
    {
        await Task.Delay(20);
    }
}

List<double> EndToEnd(IEnumerable<Probe> sent) => Stage(sent, p => receiver.TryGetArrival(p.Host, out var at) ? Probe.Milliseconds(p.Before, at) : null);

static List<double> Stage(IEnumerable<Probe> sent, Func<Probe, double?> measure) => [.. sent.Select(measure).OfType<double>()];
