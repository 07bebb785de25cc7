using Streams.Collectors.Publishing.Backoff;

namespace Streams.Collectors.Simulator.Publishing;

/// <summary>
/// Holds a run to its schedule: simulated time advances at <c>speedup</c> times wall-clock
/// time, and events never leave faster than <c>eventsPerSecond</c>. The embedded broker keeps
/// only ~5 MiB per partition and silently drops what a lagging consumer has not read yet, so
/// an unpaced run would overrun the pipeline rather than measure it. While its back-pressure holds
/// back (the processor lags over a bound), nothing is due: the run falls behind its schedule
/// instead of the broker dropping what the processor has not read.
/// </summary>
public sealed class Pacer
{
    private readonly double _speedup;
    private readonly double _eventsPerSecond;
    private static readonly TimeSpan HoldPoll = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly IBackpressure? _backpressure;
    private long _started;

    /// <param name="speedup">Simulated seconds per wall-clock second; 0 runs as fast as the rate allows.</param>
    /// <param name="eventsPerSecond">Highest event rate; 0 for no limit.</param>
    /// <param name="time">Clock; the system clock when null.</param>
    /// <param name="backpressure">While it holds back, no event is due.</param>
    public Pacer(double speedup, double eventsPerSecond, TimeProvider? time = null, IBackpressure? backpressure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speedup);
        ArgumentOutOfRangeException.ThrowIfNegative(eventsPerSecond);
        _speedup = speedup;
        _eventsPerSecond = eventsPerSecond;
        _time = time ?? TimeProvider.System;
        _backpressure = backpressure;
    }

    /// <summary>Wall-clock time since the first <see cref="WaitAsync"/>, when the run began.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var started = Interlocked.Read(ref _started);
            return started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(started);
        }
    }

    /// <summary>
    /// Waits until the event at <paramref name="simulatedOffset"/> (from the start of the run) is
    /// due and <paramref name="eventsSoFar"/> events fit under the rate.
    /// </summary>
    /// <returns>How far behind the speed-up schedule the run is (zero when on time or unpaced).</returns>
    public async ValueTask<TimeSpan> WaitAsync(TimeSpan simulatedOffset, long eventsSoFar, CancellationToken cancellationToken)
    {
        Interlocked.CompareExchange(ref _started, _time.GetTimestamp(), 0);
        while (_backpressure is { HoldBack: true })
        {
            await Task.Delay(HoldPoll, _time, cancellationToken);
        }

        var due = TimeSpan.Zero;
        var scheduled = TimeSpan.Zero;
        if (_speedup > 0)
        {
            scheduled = simulatedOffset / _speedup;
            due = scheduled;
        }

        if (_eventsPerSecond > 0)
        {
            var byRate = TimeSpan.FromSeconds(eventsSoFar / _eventsPerSecond);
            due = byRate > due ? byRate : due;
        }

        var now = Elapsed;
        if (due > now)
        {
            await Task.Delay(due - now, _time, cancellationToken);
            now = due;
        }

        return _speedup > 0 && now > scheduled ? now - scheduled : TimeSpan.Zero;
    }
}
