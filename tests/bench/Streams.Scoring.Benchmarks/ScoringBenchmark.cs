using System.Diagnostics;
using System.Globalization;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;

namespace Streams.Scoring.Benchmarks;

/// <summary>
/// Synthetic hosts (sinusoids with shared load and noise, like correlated server metrics):
/// trains one ensemble per host, then scores every host's windows on one thread, then on every
/// core (hosts split between threads, as the scorer's stream tasks split partitions).
/// </summary>
internal static class ScoringBenchmark
{
    public static void Run(string[] args)
    {
        var hosts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var series = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 38;
        var windows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000;
        // Each host trains on the live scorer's rolling span, as it does every RetrainEvery windows.
        var policy = new RetrainPolicy();
        var trainingWindows = policy.SpanWindows;
        var names = Enumerable.Range(0, series).Select(s => $"metric.{s}").ToArray();
        var options = new HostDetectorOptions();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var scorers = new HostScorer[hosts];
        for (var h = 0; h < hosts; h++)
        {
            scorers[h] = new HostScorer(HostDetector.Train(names, Generate(h, series, trainingWindows, 0), options));
        }

        var training = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var parameters = scorers[0].Detector.ParameterBytes;

        var test = Enumerable.Range(0, hosts).Select(h => Generate(h, series, windows, trainingWindows)).ToArray();
        clock.Restart();
        var anomalies = 0L;
        for (var w = 0; w < windows; w++)
        {
            for (var h = 0; h < hosts; h++)
            {
                anomalies += scorers[h].Score(test[h].AsSpan(w * series, series), default).IsAnomaly ? 1 : 0;
            }
        }

        var scoring = clock.Elapsed;

        // A second pass over the same windows: a scorer's state is per host, so each thread
        // owns whole hosts and nothing is shared.
        var cores = Environment.ProcessorCount;
        clock.Restart();
        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, thread =>
        {
            for (var w = 0; w < windows; w++)
            {
                for (var h = thread; h < hosts; h += cores)
                {
                    scorers[h].Score(test[h].AsSpan(w * series, series), default);
                }
            }
        });
        var parallel = clock.Elapsed;
        var seriesWindows = (double)hosts * windows * series;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hosts {hosts}, series/host {series}, training windows/host {trainingWindows}, scored windows/host {windows}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training: {training.TotalMilliseconds / hosts:F1} ms per host"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"continual learning: one fit every {policy.RetrainEvery} windows adds {training.TotalMilliseconds * 1000 / hosts / (policy.RetrainEvery * (double)series):F2} µs per series-window (thread pool, not the stream thread)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: {(after - before) / (double)(hosts * series):F0} B per series retained (models + live state, managed heap), {parameters / (double)series:F0} B of parameters per series (k-means + its share of PCA and the change model)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scoring: {seriesWindows / scoring.TotalSeconds:F0} series-windows/s, {hosts * (double)windows / scoring.TotalSeconds:F0} host-windows/s on one thread ({anomalies} anomalous host-windows)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scoring: {seriesWindows / parallel.TotalSeconds:F0} series-windows/s on {cores} cores"));
        GC.KeepAlive(scorers);
        ModelMemory.Run(names, scorers[0].Detector, Generate(0, series, trainingWindows, 0), 20 * hosts);
        RetrainCost.Run(names, options, policy, Math.Min(hosts, 4), Generate);
        ColdStartCost(names, Math.Min(hosts, 20), windows);
    }

    // What judges a host before its own model exists: the short-span change detector and the
    // fleet prior of its group, per host-window, with what it allocates.
    private static void ColdStartCost(string[] names, int hosts, int windows)
    {
        var options = new ColdStartOptions();
        var peers = Enumerable.Range(0, 4).Select(p => FeatureRange.Of(names, Generate(1_000 + p, names.Length, 1_440, 0))).ToList();
        var prior = FleetPrior.Of(peers, options);
        var scorers = Enumerable.Range(0, hosts).Select(_ => new ColdStartScorer(options)).ToArray();
        var rows = Enumerable.Range(0, hosts).Select(h => Generate(h, names.Length, windows, 0)).ToArray();
        var present = new bool[names.Length];
        Array.Fill(present, true);
        var values = new double[names.Length];
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var w = 0; w < windows; w++)
        {
            for (var h = 0; h < hosts; h++)
            {
                rows[h].AsSpan(w * names.Length, names.Length).CopyTo(values);
                scorers[h].Score(names, values, present, prior);
            }
        }

        var elapsed = clock.Elapsed;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var hostWindows = hosts * (double)windows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start (change detector + fleet prior of {prior?.Peers} peers): {elapsed.TotalMilliseconds * 1000 / hostWindows:F2} µs and {allocated / hostWindows:F0} B allocated per host-window ({hosts} hosts × {windows} windows)"));
    }

    internal static double[] Generate(int host, int series, int windows, int offset)
    {
        var random = new Random(host);
        var phase = random.NextDouble() * Math.PI;
        var rows = new double[windows * series];
        for (var w = 0; w < windows; w++)
        {
            var load = Math.Sin(((w + offset) * 2 * Math.PI / 1440) + phase);
            for (var s = 0; s < series; s++)
            {
                rows[(w * series) + s] = (0.5 + (0.3 * load * ((s % 5) + 1) / 5)) + (0.02 * random.NextDouble());
            }
        }

        return rows;
    }
}
