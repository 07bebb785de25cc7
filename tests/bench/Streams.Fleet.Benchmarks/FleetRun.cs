using System.Diagnostics;
using System.Globalization;
using Confluent.SchemaRegistry;
using Streams.Alerting.Benchmarks;
using Streams.Collectors.Agent.Benchmarks;

namespace Streams.Fleet.Benchmarks;

/// <summary>
/// One fleet size: a fresh <c>streams up</c>, a webhook preference and an anomaly rule written
/// through its API, <c>streams simulate</c> for the run's duration, probe anomalies produced on
/// <c>anomalies</c> at an even pace (each for a host of its own, so each makes one alert and one
/// webhook), and every 15 s <c>streams status</c> (lag, end offsets) and the process's CPU and RSS
/// (each <c>streams status</c> is a .NET start-up on the same 2 cores, so not more often);
/// then a drain, and the totals from ClickHouse and <c>/metrics</c>.
/// </summary>
internal static class FleetRun
{
    private const string RuleId = "fleet-bench-probe";

    /// <summary>The simulator's collection interval: one interval of a topic's input is what a stage may be behind at a burst.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Processor:WindowGrace's default: a window closes this long after its end.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(15);

    /// <summary>Lag below this many records is never a sign of falling behind (a commit interval's worth on a quiet topic).</summary>
    private const long LagFloor = 200;

    public static async Task<SizeResult> RunAsync(string executable, int servers, FleetBenchOptions options, Action<FormattableString> step)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var up = await StreamsUp.StartAsync(executable, TimeSpan.FromSeconds(240));
        step($"streams up ready (pid {up.ProcessId}, Kafka {up.Bootstrap}, API port {up.ApiPort})");
        await up.PutAsync($"/api/rules/{RuleId}", $$$"""
            {"id":"{{{RuleId}}}","name":"FleetBenchProbe","kind":"anomaly","severity":"warning","for":"0s",
             "scope":{"hosts":["fleet-probe-*"]},"anomaly":{"minSeverity":"warning","minConsecutiveWindows":1}}
            """);
        await up.PutAsync("/api/preferences/fleet-bench", $$$"""
            {"name":"Fleet bench","team":"bench","channels":[{"type":"webhook","url":"{{{receiver.Url}}}","name":"fleet-bench-hook"}],
             "matchers":["rule=\"{{{RuleId}}}\""],"minSeverity":"info","groupWait":"0s"}
            """);
        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = up.RegistryUrl });
        using var windows = new WindowWatcher(up.Bootstrap, registry, Grace);
        using var probes = new ProbeProducer(up.Bootstrap, registry);

        using var cancel = new CancellationTokenSource(options.Duration * 3 + TimeSpan.FromMinutes(5));
        var simulate = up.SimulateAsync(servers, options.Duration, cancel.Token);
        await Task.Delay(options.Warmup);
        step($"simulating {servers:N0} servers; warm-up over, measuring for {(options.Duration - options.Warmup).TotalSeconds:N0} s");

        windows.From = DateTime.UtcNow;
        var meter = new ProcessMeter(up.ProcessId);
        meter.Start();
        var agentHost = Environment.MachineName.Replace("'", "", StringComparison.Ordinal);
        var fleetRows = $"SELECT count() FROM metrics_raw WHERE host != '{agentHost}' AND host NOT LIKE 'fleet-probe-%'";
        var rowsBefore = await up.ClickHouseScalarAsync(fleetRows);
        var measured = options.Duration - options.Warmup;
        var sent = Enumerable.Range(0, options.Probes).Select(i => new Probe(string.Create(CultureInfo.InvariantCulture, $"fleet-probe-{servers}-{i}"))).ToList();
        var deliveries = new List<Task>();
        var snapshots = new List<StatusSnapshot>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < measured)
        {
            while (deliveries.Count < sent.Count && clock.Elapsed >= measured * deliveries.Count / sent.Count)
            {
                deliveries.Add(probes.SendAsync(sent[deliveries.Count]));
            }

            snapshots.Add(await up.StatusAsync());
            meter.SampleMemory();
            await Task.Delay(StatusEvery);
        }

        var span = clock.Elapsed;
        var cores = meter.CpuPercentOfOneCore / 100;
        var rowsAfter = await up.ClickHouseScalarAsync(fleetRows);
        await Task.WhenAll(deliveries);
        var summary = await simulate;
        var samples = summary.GetValueOrDefault("samples (metrics.raw)");
        var samplesPerSecond = samples / options.Duration.TotalSeconds;
        step($"simulator done: {samples:N0} samples acknowledged; draining up to {options.Drain.TotalSeconds:N0} s");

        var rates = Rates(snapshots);
        bool Bounded(StatusSnapshot s, double intervals) => s.Lags.All(l => l.Value <= Math.Max(LagFloor, rates.GetValueOrDefault(l.Key.Topic) * Interval.TotalSeconds * intervals));
        var during = snapshots.Count > 0 && snapshots.All(s => Bounded(s, 2));
        var drain = Stopwatch.StartNew();
        var after = await up.StatusAsync();
        while (!(Bounded(after, 1) && sent.All(p => receiver.TryGetArrival(p.Host, out _))) && drain.Elapsed < options.Drain)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            after = await up.StatusAsync();
        }

        var maxLag = snapshots.SelectMany(s => s.Lags).DefaultIfEmpty().MaxBy(l => l.Value);
        var dropped = (long)await up.MetricSumAsync("streams_kafka_data_loss_total");
        var rowsNow = await up.ClickHouseScalarAsync(fleetRows + " AND NOT gap AND NOT forward_filled");
        var webhookMs = sent.Where(p => receiver.TryGetArrival(p.Host, out _)).Select(p => receiver.TryGetArrival(p.Host, out var at) ? Probe.Milliseconds(p.Before, at) : 0).ToList();
        var late = windows.LateMs;
        var rows = rowsAfter - rowsBefore;
        return new SizeResult
        {
            Servers = servers,
            Samples = samples,
            SamplesPerSecond = samplesPerSecond,
            Windows = late.Count,
            WindowP50Ms = Percentile.Of(late, 0.50),
            WindowP99Ms = Percentile.Of(late, 0.99),
            Probes = sent.Count,
            Webhooks = webhookMs.Count,
            WebhookP50Ms = Percentile.Of(webhookMs, 0.50),
            WebhookP99Ms = Percentile.Of(webhookMs, 0.99),
            ClickHouseRowsPerSecond = rows / span.TotalSeconds,
            RowsMinusSamples = rowsNow - samples,
            Cores = cores,
            CpuMicrosecondsPerSample = samplesPerSecond > 0 ? cores * 1e6 / samplesPerSecond : double.NaN,
            MaxRssMiB = meter.MaxRssMiB,
            DeadLetters = (long)await up.MetricSumAsync("streams_deadletter_records_total"),
            BrokerDropped = dropped,
            MaxLag = maxLag.Value,
            MaxLagAt = maxLag.Key == default ? "-" : $"{maxLag.Key.Group} {maxLag.Key.Topic}",
            LagAfterDrain = after.Lags.Values.DefaultIfEmpty().Max(),
            Held = during && Bounded(after, 1) && dropped == 0,
        };
    }

    /// <summary>Records per second into each topic over the snapshots.</summary>
    private static Dictionary<string, double> Rates(List<StatusSnapshot> snapshots)
    {
        if (snapshots.Count < 2)
        {
            return [];
        }

        var (first, last) = (snapshots[0], snapshots[^1]);
        var seconds = (last.At - first.At).TotalSeconds;
        return last.EndOffsets.ToDictionary(e => e.Key, e => (e.Value - first.EndOffsets.GetValueOrDefault(e.Key)) / seconds, StringComparer.Ordinal);
    }
}
