namespace Streams.Collectors.Simulator.Publishing;

/// <summary>Counters a run updates from its loop and a dashboard reads from another thread.</summary>
public sealed class RunProgress(long total, IEventSink sink, Pacer pacer)
{
    private long _done;
    private long _samples;
    private long _logs;
    private long _labels;
    private long _behindTicks;

    public long Total { get; } = total;

    public void AddDone(long units) => Interlocked.Add(ref _done, units);

    public void AddSamples(long count) => Interlocked.Add(ref _samples, count);

    public void AddLogs(long count) => Interlocked.Add(ref _logs, count);

    public void AddLabel() => Interlocked.Increment(ref _labels);

    public void SetBehind(TimeSpan behind) => Interlocked.Exchange(ref _behindTicks, behind.Ticks);

    public RunSnapshot Snapshot() => new(
        Interlocked.Read(ref _done),
        Total,
        Interlocked.Read(ref _samples),
        Interlocked.Read(ref _logs),
        Interlocked.Read(ref _labels),
        sink.Acknowledged,
        sink.Failed,
        pacer.Elapsed,
        TimeSpan.FromTicks(Interlocked.Read(ref _behindTicks)));
}
