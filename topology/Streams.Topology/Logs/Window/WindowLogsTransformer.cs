using System.Diagnostics.CodeAnalysis;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streams.Topology.Metrics;
using Streams.Topology.Windowing;

namespace Streams.Topology.Logs.Window;

/// <summary>
/// Event-time tumbling windows per host and application, emitted once when they close, on the
/// per-host clock of <see cref="HostWindowClock"/> as in WindowMetrics. All applications of a host
/// share its clock, so a quiet application's window closes when the host's other lines move past
/// it. A line for a window already closed is in no window; it is counted and reported on the next
/// window of its application.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class WindowLogsTransformer : ITransformer<string, LogRecord, string, IReadOnlyList<LogWindow>>
{
    private static readonly TimeSpan SilenceCheckInterval = TimeSpan.FromSeconds(1);

    // Separates host, application and window start in a store key; not a character of any of them.
    private const char KeySeparator = '\u001f';

    private readonly TimeProvider time = TimeProvider.System;

    // Its arrivals are rebuilt from the host store after a restore, when each host with open
    // windows gets a full timeout from then.
    private readonly HostWindowClock clock = new(1, 0, 0);
    private ProcessorContext<string, IReadOnlyList<LogWindow>>? context;
    private IKeyValueStore<string, LogWindowCounts>? windows;
    private IKeyValueStore<string, LogHostState>? hosts;
    private bool loaded;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public WindowLogsTransformer()
    {
    }

    public WindowLogsTransformer(LogWindowOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock = new HostWindowClock((long)options.Size.TotalMilliseconds, (long)options.Grace.TotalMilliseconds, (long)options.SilentHostTimeout.TotalMilliseconds);
        this.time = time;
    }

    public void Init(ProcessorContext<string, IReadOnlyList<LogWindow>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        windows = (IKeyValueStore<string, LogWindowCounts>)context.GetStateStore(WindowLogs.WindowStoreName);
        hosts = (IKeyValueStore<string, LogHostState>)context.GetStateStore(WindowLogs.HostStoreName);
        context.Schedule(SilenceCheckInterval, PunctuationType.PROCESSING_TIME, _ => CloseSilentHosts());
    }

    public Record<string, IReadOnlyList<LogWindow>> Process(Record<string, LogRecord> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        LoadOnce();
        var log = record.Value;
        var app = log.app ?? "";
        var state = Hosts.Get(log.host) ?? new LogHostState();
        var timestamp = EpochMs.Of(log.timestamp);
        var start = clock.StartOf(timestamp);
        var end = clock.EndOf(start);
        clock.Arrived(log.host, Now());
        if (clock.IsTooLate(end, state.ClosedUpTo, state.EventTime))
        {
            state.DroppedLate[app] = state.DroppedLate.GetValueOrDefault(app) + 1;
            Hosts.Put(log.host, state);
            return Record<string, IReadOnlyList<LogWindow>>.Create(record.Key, []);
        }

        var key = Key(log.host, app, start);
        var counts = Windows.Get(key) ?? new LogWindowCounts();
        counts.Add(log, late: HostWindowClock.IsLate(end, state.EventTime));
        Windows.Put(key, counts);
        state.Open.Add((start, app));
        state.EventTime = Math.Max(state.EventTime, timestamp);
        var closed = Close(log.host, state, clock.CloseTime(state.EventTime));
        Hosts.Put(log.host, state);
        return Record<string, IReadOnlyList<LogWindow>>.Create(record.Key, closed);
    }

    public void Close()
    {
    }

    private void CloseSilentHosts()
    {
        LoadOnce();
        var now = Now();
        foreach (var host in clock.SilentHosts(now))
        {
            clock.Forget(host);
            if (Hosts.Get(host) is { Open.Count: > 0 } state)
            {
                var closed = Close(host, state, long.MaxValue);
                Hosts.Put(host, state);
                Context.Forward(host, closed);
            }
        }
    }

    /// <summary>Emits, in order, every open window of the host that ends at or before <paramref name="closeTime"/>.</summary>
    private List<LogWindow> Close(string host, LogHostState state, long closeTime)
    {
        var closed = new List<LogWindow>();
        while (state.Open.Count > 0 && clock.Closes(state.Open.Min.Start, closeTime))
        {
            var (start, app) = state.Open.Min;
            state.Open.Remove(state.Open.Min);
            var key = Key(host, app, start);
            var counts = Windows.Get(key) ?? new LogWindowCounts();
            Windows.Delete(key);
            state.DroppedLate.Remove(app, out var droppedLate);
            closed.Add(counts.ToLogWindow(host, app, start, clock.SizeMs, droppedLate, Now()));
            state.ClosedUpTo = Math.Max(state.ClosedUpTo, clock.EndOf(start));
        }

        return closed;
    }

    private void LoadOnce()
    {
        if (loaded)
        {
            return;
        }

        var now = Now();
        foreach (var entry in Hosts.All().Where(h => h.Value.Open.Count > 0))
        {
            clock.Arrived(entry.Key, now);
        }

        loaded = true;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Key(string host, string app, long start) =>
        string.Join(KeySeparator, host, app, HostWindowClock.KeyOf(start));

    private ProcessorContext<string, IReadOnlyList<LogWindow>> Context => context ?? throw NotReady();

    private IKeyValueStore<string, LogWindowCounts> Windows => windows ?? throw NotReady();

    private IKeyValueStore<string, LogHostState> Hosts => hosts ?? throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("WindowLogsTransformer: the prototype instance processed a record, or Init was not called.");
}
