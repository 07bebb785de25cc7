using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streams.Topology.Metrics;

namespace Streams.Topology.Logs.Window;

/// <summary>
/// Event-time tumbling windows per host and application, emitted once when they close, with the
/// clock kept per host as in WindowMetrics: hosts sharing a partition have clocks apart, and one
/// host's clock must not close another's windows. All applications of a host share its clock, so
/// a quiet application's window closes when the host's other lines move past it. A host that
/// falls silent has its open windows closed by a wall-clock punctuation after a timeout. A line
/// for a window already closed is in no window; it is counted and reported on the next window of
/// its application.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class WindowLogsTransformer : ITransformer<string, LogRecord, string, IReadOnlyList<LogWindow>>
{
    private static readonly TimeSpan SilenceCheckInterval = TimeSpan.FromSeconds(1);

    // Separates host, application and window start in a store key; not a character of any of them.
    private const char KeySeparator = '\u001f';

    private readonly long sizeMs;
    private readonly long graceMs;
    private readonly long silentMs;
    private readonly TimeProvider time = TimeProvider.System;

    // Wall-clock time of the last line of every host with open windows; rebuilt from the host
    // store after a restore, when each such host gets a full timeout from then.
    private readonly Dictionary<string, long> lastArrival = new(StringComparer.Ordinal);
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
        sizeMs = (long)options.Size.TotalMilliseconds;
        graceMs = (long)options.Grace.TotalMilliseconds;
        silentMs = (long)options.SilentHostTimeout.TotalMilliseconds;
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
        var start = timestamp - (((timestamp % sizeMs) + sizeMs) % sizeMs);
        var end = start + sizeMs;
        lastArrival[log.host] = Now();
        if (end <= state.ClosedUpTo || (state.EventTime != long.MinValue && end + graceMs <= state.EventTime))
        {
            state.DroppedLate[app] = state.DroppedLate.GetValueOrDefault(app) + 1;
            Hosts.Put(log.host, state);
            return Record<string, IReadOnlyList<LogWindow>>.Create(record.Key, []);
        }

        var key = Key(log.host, app, start);
        var counts = Windows.Get(key) ?? new LogWindowCounts();
        counts.Add(log, late: state.EventTime >= end);
        Windows.Put(key, counts);
        state.Open.Add((start, app));
        state.EventTime = Math.Max(state.EventTime, timestamp);
        var closed = Close(log.host, state, state.EventTime - graceMs);
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
        foreach (var host in lastArrival.Where(h => now - h.Value >= silentMs).Select(h => h.Key).ToList())
        {
            lastArrival.Remove(host);
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
        while (state.Open.Count > 0 && state.Open.Min.Start + sizeMs <= closeTime)
        {
            var (start, app) = state.Open.Min;
            state.Open.Remove(state.Open.Min);
            var key = Key(host, app, start);
            var counts = Windows.Get(key) ?? new LogWindowCounts();
            Windows.Delete(key);
            state.DroppedLate.Remove(app, out var droppedLate);
            closed.Add(counts.ToLogWindow(host, app, start, sizeMs, droppedLate, Now()));
            state.ClosedUpTo = Math.Max(state.ClosedUpTo, start + sizeMs);
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
            lastArrival[entry.Key] = now;
        }

        loaded = true;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Key(string host, string app, long start) =>
        string.Join(KeySeparator, host, app, start.ToString("D15", CultureInfo.InvariantCulture));

    private ProcessorContext<string, IReadOnlyList<LogWindow>> Context => context ?? throw NotReady();

    private IKeyValueStore<string, LogWindowCounts> Windows => windows ?? throw NotReady();

    private IKeyValueStore<string, LogHostState> Hosts => hosts ?? throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("WindowLogsTransformer: the prototype instance processed a record, or Init was not called.");
}
