using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using Streams.Schemas.Metrics;
using Streams.Topology.Windowing;

namespace Streams.Topology.Metrics.Window;

/// <summary>
/// Event-time tumbling windows with a grace period, emitted once when they close (Kafka Streams'
/// suppress-until-window-closes), on the per-host clock of <see cref="HostWindowClock"/>. A host's
/// batch costs one read and one write of its host state and, per window it touches, one read
/// and one write of a <see cref="WindowEntry"/> (per 100 series); closing a window reads and
/// deletes its entries.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class WindowTransformer : ITransformer<string, MetricBatch, string, IReadOnlyList<MetricWindow>>
{
    private static readonly TimeSpan SilenceCheckInterval = TimeSpan.FromSeconds(1);

    // Separates host, window start and part in a store key; not a character of any name.
    private const char KeySeparator = '\u001f';

    private readonly HostWindowClock clock = new(1, 0, 0);
    private readonly string windowStoreName = "";
    private readonly string hostStoreName = "";
    private readonly TimeProvider time = TimeProvider.System;

    // In-memory indexes over the stores, rebuilt from them after a restore.
    // Open windows per host: start → the parts of the window that are in the store.
    private readonly Dictionary<string, SortedDictionary<long, HashSet<int>>> open = new(StringComparer.Ordinal);
    private ProcessorContext<string, IReadOnlyList<MetricWindow>>? context;
    private IKeyValueStore<string, WindowEntry>? windows;
    private IKeyValueStore<string, HostWindowState>? hosts;
    private bool loaded;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public WindowTransformer()
    {
    }

    public WindowTransformer(MetricWindowSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        clock = new HostWindowClock(settings.SizeMs, settings.GraceMs, settings.SilentHostMs);
        windowStoreName = settings.WindowStore;
        hostStoreName = settings.HostStore;
        this.time = time;
    }

    public void Init(ProcessorContext<string, IReadOnlyList<MetricWindow>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        windows = (IKeyValueStore<string, WindowEntry>)context.GetStateStore(windowStoreName);
        hosts = (IKeyValueStore<string, HostWindowState>)context.GetStateStore(hostStoreName);
        context.Schedule(SilenceCheckInterval, PunctuationType.PROCESSING_TIME, _ => CloseSilentHosts());
    }

    public Record<string, IReadOnlyList<MetricWindow>> Process(Record<string, MetricBatch> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        LoadOnce();
        var batch = record.Value;
        var host = batch.host;
        var state = Hosts.Get(host) ?? NewHost();
        clock.Arrived(host, Now());
        var layout = new SeriesLayout(state.Layout);
        var entries = new Dictionary<(long Start, int Part), Pending>();
        var eventTime = state.EventTime;
        foreach (var point in batch.points)
        {
            eventTime = Add(host, state.ClosedUpTo, eventTime, batch, point, layout, entries);
        }

        state = new HostWindowState(layout.Series, eventTime, state.ClosedUpTo);
        var closed = Close(host, ref state, clock.CloseTime(eventTime), entries);
        Write(host, entries);
        Hosts.Put(host, state);
        return Record<string, IReadOnlyList<MetricWindow>>.Create(record.Key, closed);
    }

    public void Close()
    {
    }

    /// <summary>Places one point; returns the host's event time after it.</summary>
    private long Add(string host, long closedUpTo, long eventTime, MetricBatch batch, MetricPoint point, SeriesLayout layout, Dictionary<(long Start, int Part), Pending> entries)
    {
        var timestamp = EpochMs.Of(point.timestamp ?? batch.timestamp);
        var start = clock.StartOf(timestamp);
        var end = clock.EndOf(start);
        if (clock.IsTooLate(end, closedUpTo, eventTime))
        {
            return eventTime;
        }

        var series = SeriesId.Of(point.metric, MetricBatches.SeriesTags(batch, point));
        var part = layout.PositionOf(series) / WindowEntry.SeriesPerEntry;
        var pending = Entry(host, start, part, entries);
        var points = pending.Entry.Series.GetValueOrDefault(series) ?? new SeriesPoints(point.metric, point.unit);
        var kind = point.gap ? PointKind.Gap : point.forwardFilled ? PointKind.ForwardFilled : PointKind.Measured;
        if (points.Add(timestamp, point.value, kind, point.unit, late: HostWindowClock.IsLate(end, eventTime)))
        {
            pending.Entry.Series[series] = points;
            pending.Changed = true;
            PartsOf(host, start).Add(part);
            layout.Add(series);
        }

        return Math.Max(eventTime, timestamp);
    }

    /// <summary>The entry of a window part, read from the store once per batch.</summary>
    private Pending Entry(string host, long start, int part, Dictionary<(long Start, int Part), Pending> entries)
    {
        if (!entries.TryGetValue((start, part), out var pending))
        {
            // Read even when the index does not list the part: the store, not the index, is the truth.
            var stored = Windows.Get(Key(host, start, part));
            if (stored is not null)
            {
                PartsOf(host, start).Add(part);
            }

            pending = new Pending(stored ?? new WindowEntry(), stored is not null);
            entries[(start, part)] = pending;
        }

        return pending;
    }

    private void Write(string host, Dictionary<(long Start, int Part), Pending> entries)
    {
        foreach (var ((start, part), pending) in entries)
        {
            if (pending.Changed)
            {
                Windows.Put(Key(host, start, part), pending.Entry);
            }
        }
    }

    private void CloseSilentHosts()
    {
        // Streamiz initialises a task's processors (and schedules this) before it restores the
        // task's stores, so the index is built, and old entries moved, at the task's first record,
        // which comes after the restore. Hosts silent since then are emitted a timeout after it.
        if (!loaded)
        {
            return;
        }

        var now = Now();
        foreach (var host in open.Where(h => h.Value.Count > 0 && clock.IsSilent(h.Key, now)).Select(h => h.Key).ToList())
        {
            var state = Hosts.Get(host) ?? NewHost();
            var closed = Close(host, ref state, long.MaxValue, []);
            Hosts.Put(host, state);
            Context.Forward(host, closed);
        }
    }

    /// <param name="entries">Entries of this batch not yet written: a closing window takes its points from them, and they are not written.</param>
    private List<MetricWindow> Close(string host, ref HostWindowState state, long closeTime, Dictionary<(long Start, int Part), Pending> entries)
    {
        var closed = new List<MetricWindow>();
        if (!open.TryGetValue(host, out var windowsOfHost))
        {
            return closed;
        }

        while (windowsOfHost.Count > 0 && clock.Closes(windowsOfHost.First().Key, closeTime))
        {
            var (start, parts) = windowsOfHost.First();
            windowsOfHost.Remove(start);
            var window = new WindowAccumulator(host, start);
            foreach (var part in parts)
            {
                var key = Key(host, start, part);
                var (entry, stored) = entries.Remove((start, part), out var pending) ? (pending.Entry, pending.Stored) : (Windows.Get(key), true);
                if (stored && entry is not null)
                {
                    Windows.Delete(key);
                }

                foreach (var (series, points) in entry?.Series ?? [])
                {
                    window.Series[series] = points;
                }
            }

            closed.Add(window.ToMetricWindow(clock.SizeMs, state.Layout, Now()));
            state = state with { ClosedUpTo = Math.Max(state.ClosedUpTo, clock.EndOf(start)) };
        }

        return closed;
    }

    private HashSet<int> PartsOf(string host, long start)
    {
        if (!open.TryGetValue(host, out var windowsOfHost))
        {
            windowsOfHost = [];
            open[host] = windowsOfHost;
        }

        if (!windowsOfHost.TryGetValue(start, out var parts))
        {
            parts = [];
            windowsOfHost[start] = parts;
        }

        return parts;
    }

    private void LoadOnce()
    {
        if (loaded)
        {
            return;
        }

        // After a restart the stores come back from their changelogs; records are processed only
        // once they have. Open windows are re-indexed; their hosts get a full silence timeout from now.
        var now = Now();
        var perSeries = new List<(string Key, string Host, long Start, string Series, SeriesPoints Points)>();
        foreach (var entry in Windows.All())
        {
            var parts = entry.Key.Split(KeySeparator, 3);
            var start = long.Parse(parts[1], CultureInfo.InvariantCulture);
            if (entry.Value.PerSeries is { } points)
            {
                perSeries.Add((entry.Key, parts[0], start, parts[2], points));
            }
            else
            {
                PartsOf(parts[0], start).Add(int.Parse(parts[2], CultureInfo.InvariantCulture));
            }

            clock.Arrived(parts[0], now);
        }

        Migrate(perSeries);
        loaded = true;
    }

    /// <summary>
    /// Moves what earlier builds stored, one entry per host, window and series, into this build's
    /// entries, so the windows open at an upgrade close whole. The moved entries are written before
    /// the old ones are deleted; if that is interrupted, the next load finds the series moved already.
    /// </summary>
    private void Migrate(List<(string Key, string Host, long Start, string Series, SeriesPoints Points)> perSeries)
    {
        foreach (var ofHost in perSeries.GroupBy(e => e.Host, StringComparer.Ordinal))
        {
            var state = Hosts.Get(ofHost.Key) ?? NewHost();
            var layout = new SeriesLayout(state.Layout);
            var entries = new Dictionary<(long Start, int Part), Pending>();
            foreach (var (_, host, start, series, points) in ofHost)
            {
                var part = layout.PositionOf(series) / WindowEntry.SeriesPerEntry;
                layout.Add(series);
                var pending = Entry(host, start, part, entries);
                pending.Changed |= pending.Entry.Series.TryAdd(series, points);
                PartsOf(host, start).Add(part);
            }

            Write(ofHost.Key, entries);

            // A series id that is a number (a metric "0" without tags) had the key its part has now.
            var written = entries.Keys.Select(e => Key(ofHost.Key, e.Start, e.Part)).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, _, _, _, _) in ofHost.Where(e => !written.Contains(e.Key)))
            {
                Windows.Delete(key);
            }

            if (layout.Series.Count != state.Layout.Count)
            {
                Hosts.Put(ofHost.Key, state with { Layout = layout.Series });
            }
        }
    }

    private static HostWindowState NewHost() => new([], HostWindowClock.NoEventTime, long.MinValue);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Key(string host, long start, int part) =>
        string.Concat(host, KeySeparator.ToString(), HostWindowClock.KeyOf(start), KeySeparator.ToString(), part.ToString(CultureInfo.InvariantCulture));

    private ProcessorContext<string, IReadOnlyList<MetricWindow>> Context => context ?? throw NotReady();

    private IKeyValueStore<string, WindowEntry> Windows => windows ?? throw NotReady();

    private IKeyValueStore<string, HostWindowState> Hosts => hosts ?? throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("WindowTransformer: the prototype instance processed a record, or Init was not called.");

    /// <summary>A window part's entry while a batch is placed: whether the store has it, whether the batch changed it.</summary>
    private sealed class Pending(WindowEntry entry, bool stored)
    {
        public WindowEntry Entry { get; } = entry;

        public bool Stored { get; } = stored;

        public bool Changed { get; set; }
    }
}
