using System.Diagnostics;
using System.Globalization;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;

namespace Streams.Scoring.Benchmarks;

/// <summary>
/// The cost of continual learning per host as the live scorer pays it: each host starts with a
/// full rolling span and a model trained on it, then runs two retraining cadences of windows
/// through the <see cref="RetrainPolicy"/> (recorded in the history, a fit when due, swapped in)
/// against the same windows scored by a model that is never retrained. Fits run inline here, so
/// their cost is counted on the thread that pays it; the scorer runs them on the thread pool.
/// </summary>
internal static class RetrainCost
{
    public static void Run(string[] names, HostDetectorOptions options, RetrainPolicy policy, int hosts, Func<int, int, int, int, double[]> generate)
    {
        var series = names.Length;
        var windows = 2 * policy.RetrainEvery;
        var on = new Cost();
        var off = new Cost();
        var fits = new Cost();
        var fitCount = 0;
        for (var h = 0; h < hosts; h++)
        {
            var span = generate(h, series, policy.SpanWindows, 0);
            var test = generate(h, series, windows, policy.SpanWindows);
            var history = new MemoryHistory(policy.SpanWindows);
            var progress = default(LearningProgress);
            for (var w = 0; w < policy.SpanWindows; w++)
            {
                progress = policy.Record(history, progress, new HistoryRow(names, span.AsSpan(w * series, series).ToArray(), [], false));
            }

            progress = progress with { TrainedAt = progress.Seen };
            var detector = HostDetector.Train(names, span, options);

            var still = new HostScorer(detector);
            off.Measure(() =>
            {
                for (var w = 0; w < windows; w++)
                {
                    still.Score(test.AsSpan(w * series, series), default);
                }
            });

            var learning = new HostScorer(detector);
            on.Measure(() =>
            {
                for (var w = 0; w < windows; w++)
                {
                    var values = test.AsSpan(w * series, series).ToArray();
                    var score = learning.Score(values, default);
                    progress = policy.Record(history, progress, new HistoryRow(names, values, [], score.Score > score.Threshold));
                    if (policy.IsDue(progress, trained: true))
                    {
                        var job = policy.Snapshot(history, progress, options);
                        progress = RetrainPolicy.Trained(progress, job);
                        fits.Measure(() =>
                        {
                            if (job.Run() is { } next)
                            {
                                learning.Swap(next);
                            }
                        });
                        fitCount++;
                    }
                }
            });
        }

        var hostWindows = hosts * (double)windows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"retraining: {fits.Milliseconds / fitCount:F0} ms and {fits.Bytes / fitCount / 1e6:F1} MB allocated per fit on a {policy.SpanWindows}-window span ({fitCount} fits, {hosts} hosts)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per host-window, retrain off: {off.Milliseconds * 1000 / hostWindows:F2} µs, {off.Bytes / hostWindows:F0} B allocated; retrain on (every {policy.RetrainEvery} windows, fits amortised): {on.Milliseconds * 1000 / hostWindows:F2} µs, {on.Bytes / hostWindows:F0} B allocated"));
        // Scoring alone allocates nothing, so the allocation ratio is only printed when it is one.
        var allocations = off.Bytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{on.Bytes / off.Bytes:F0}x allocations") : "allocations: none with retraining off";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio retrain on / off: {on.Milliseconds / off.Milliseconds:F1}x time, {allocations} ({windows} windows per host)"));
    }

    private sealed class Cost
    {
        public double Milliseconds { get; private set; }

        public double Bytes { get; private set; }

        public void Measure(Action action)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            action();
            Milliseconds += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }
}
