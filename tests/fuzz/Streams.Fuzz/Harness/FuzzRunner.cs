using System.Diagnostics;

namespace Streams.Fuzz.Harness;

/// <summary>
/// Feeds inputs to a target on a worker thread and watches it: an exception that escapes the
/// target is a crash; an input still running after the time limit is a hang. .NET cannot abort a
/// thread, so a hung worker is left behind (a background thread) and a new one carries on with the
/// next input; after <see cref="MaxHangs"/> hangs the target is given up, as each leaves a thread
/// spinning. Inputs are made on the worker itself, so a run costs no thread hand-off per input.
/// </summary>
internal sealed class FuzzRunner(IFuzzTarget target, TimeSpan timeout)
{
    public const int MaxHangs = 3;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public TargetReport Run(IEnumerable<byte[]> inputs)
    {
        using var source = inputs.GetEnumerator();
        var run = new RunState(source);
        var stopwatch = Stopwatch.StartNew();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var hangs = 0;
        while (hangs < MaxHangs)
        {
            var worker = new Worker(target, run);
            var thread = new Thread(worker.Loop) { IsBackground = true, Name = "fuzz-" + target.Name };
            thread.Start();
            var hung = false;
            while (!thread.Join(Poll))
            {
                if (worker.RunningFor() > timeout && run.Abandon(worker) is { } input)
                {
                    hung = true;
                    hangs++;
                    run.Record(FindingKind.Hang, $"no result within {timeout.TotalMilliseconds:F0} ms", $"input of {input.Length} bytes still running after {timeout.TotalMilliseconds:F0} ms", input);
                    break;
                }
            }

            if (!hung)
            {
                break;
            }
        }

        stopwatch.Stop();
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        return new TargetReport(target.Name, run.Executions, stopwatch.Elapsed.TotalSeconds, cpuSeconds, run.Crashes, hangs, run.SlowestMs, run.Findings);
    }

    /// <summary>What the workers of one run share; every field is guarded by the instance's lock.</summary>
    private sealed class RunState(IEnumerator<byte[]> source)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);

        public long Executions { get; private set; }

        public long Crashes { get; private set; }

        public double SlowestMs { get; private set; }

        public IReadOnlyList<Finding> Findings
        {
            get
            {
                lock (_gate)
                {
                    return [.. _findings.Values];
                }
            }
        }

        /// <summary>The next input for <paramref name="worker"/>, or null when the inputs are done or the worker was given up.</summary>
        public byte[]? Next(Worker worker)
        {
            lock (_gate)
            {
                if (worker.Abandoned || !source.MoveNext())
                {
                    return null;
                }

                worker.Current = source.Current;
                return worker.Current;
            }
        }

        public void Executed(Worker worker, TimeSpan elapsed)
        {
            lock (_gate)
            {
                if (!worker.Abandoned)
                {
                    Executions++;
                    SlowestMs = Math.Max(SlowestMs, elapsed.TotalMilliseconds);
                }
            }
        }

        /// <summary>Gives up a worker that is still inside the target; its input, or null when it finished meanwhile.</summary>
        public byte[]? Abandon(Worker worker)
        {
            lock (_gate)
            {
                if (!worker.Busy)
                {
                    return null;
                }

                worker.Abandoned = true;
                Executions++;
                return worker.Current;
            }
        }

        public void Crash(Exception exception, byte[] input)
        {
            var frame = exception.StackTrace?.Split('\n', 2)[0].Trim() ?? "";
            lock (_gate)
            {
                Crashes++;
            }

            Record(FindingKind.Crash, $"{exception.GetType().FullName} {frame}", exception.ToString(), input);
        }

        /// <summary>Keeps the shortest input seen for each signature: the easiest to read and to debug.</summary>
        public void Record(FindingKind kind, string signature, string message, byte[] input)
        {
            lock (_gate)
            {
                if (!_findings.TryGetValue(signature, out var known) || known.Input.Length > input.Length)
                {
                    _findings[signature] = new Finding(kind, signature, message, input);
                }
            }
        }
    }

    private sealed class Worker(IFuzzTarget target, RunState run)
    {
        private long _startedAt;

        public byte[] Current { get; set; } = [];

        public bool Abandoned { get; set; }

        public bool Busy => Volatile.Read(ref _startedAt) != 0;

        public TimeSpan RunningFor() => Volatile.Read(ref _startedAt) is var started and not 0 ? Stopwatch.GetElapsedTime(started) : TimeSpan.Zero;

        public void Loop()
        {
            while (run.Next(this) is { } input)
            {
                var started = Stopwatch.GetTimestamp();
                Volatile.Write(ref _startedAt, started);
                try
                {
                    target.Run(input);
                }
                catch (Exception ex)
                {
                    // Whatever escapes the target is the finding: the target already handled its parser's bad-input path.
                    run.Crash(ex, input);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                Volatile.Write(ref _startedAt, 0);
                run.Executed(this, elapsed);
            }
        }
    }
}
