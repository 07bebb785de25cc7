using io.streams.avro;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Replay;

/// <summary>
/// Streams dataset files into an <see cref="IEventSink"/> in event-time order (files merged, each
/// file's rows in their own order), one batch per row with a point per column, announcing each label when
/// the replay reaches its start, paced at the chosen speed-up.
/// </summary>
public sealed class ReplayRunner : IPublishingRun
{
    private readonly IReadOnlyList<ReplayFile> _files;
    private readonly IEventSink _sink;
    private readonly Pacer _pacer;
    private readonly LabelAnnouncer _labels;

    /// <exception cref="DirectoryNotFoundException">The dataset's folder is missing.</exception>
    /// <exception cref="ArgumentException">No file matches, or an option is invalid.</exception>
    public ReplayRunner(ReplayOptions options, IEventSink sink, Pacer pacer, LabelFile? labelFile)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(pacer);
        _files = ReplaySource.Open(options);
        _sink = sink;
        _pacer = pacer;
        Progress = new RunProgress(_files.Sum(f => (long)f.RowCount), sink, pacer);
        _labels = new LabelAnnouncer(sink, labelFile, Progress);
    }

    public RunProgress Progress { get; }

    /// <summary>Names of the files replayed, in the order they were found.</summary>
    public IReadOnlyList<string> Files => [.. _files.Select(f => f.Name)];

    /// <summary>Every label of the replayed files.</summary>
    public IReadOnlyList<IncidentLabel> Labels => [.. _files.SelectMany(f => f.Labels)];

    public async Task<RunSnapshot> RunAsync(TimeSpan flushTimeout, CancellationToken cancellationToken)
    {
        var batch = new MetricBatch { source = MetricSource.REPLAY };
        var rows = _files.Select(f => f.Rows().GetEnumerator()).ToArray();
        var pendingLabels = _files.Select(f => new Queue<IncidentLabel>(f.Labels.OrderBy(l => l.Start))).ToArray();
        var queue = new PriorityQueue<int, (DateTimeOffset Time, int File)>();
        try
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i].MoveNext())
                {
                    queue.Enqueue(i, (rows[i].Current.Time, i));
                }
            }

            DateTimeOffset? origin = null;
            long events = 0;
            while (queue.TryDequeue(out var index, out var key) && !cancellationToken.IsCancellationRequested)
            {
                origin ??= key.Time;
                Progress.SetBehind(await _pacer.WaitAsync(key.Time - origin.Value, events, cancellationToken));
                var file = _files[index];
                var row = rows[index].Current;
                while (pendingLabels[index].TryPeek(out var label) && label.Start <= row.Time)
                {
                    _labels.Announce(pendingLabels[index].Dequeue());
                }

                // A row is one machine's pass: one batch with a point per column.
                batch.host = file.Host;
                batch.timestamp = row.Time.UtcDateTime;
                batch.intervalMs = (int)file.Interval.TotalMilliseconds;
                batch.points = [.. file.Columns.Select((column, c) => new MetricPoint
                {
                    metric = column.Metric,
                    unit = column.Unit,
                    kind = column.Kind,
                    tags = column.Tags,
                    value = row.Values[c],
                })];
                _sink.Publish(batch);

                events += file.Columns.Count;
                Progress.AddSamples(file.Columns.Count);
                Progress.AddDone(1);
                if (rows[index].MoveNext())
                {
                    queue.Enqueue(index, (rows[index].Current.Time, index));
                }
            }
        }
        finally
        {
            foreach (var enumerator in rows)
            {
                enumerator.Dispose();
            }
        }

        _sink.Flush(flushTimeout);
        return Progress.Snapshot();
    }
}
