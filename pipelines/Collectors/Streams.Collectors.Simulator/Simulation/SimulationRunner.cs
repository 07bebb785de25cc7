using io.streams.avro;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Simulator.Simulation;

/// <summary>
/// Plays a <see cref="FleetGenerator"/> into an <see cref="IEventSink"/>: round by round, servers
/// in chunks spread over the round as real agents' clocks are, each incident's label announced
/// when the incident starts, everything held to the pacer's schedule.
/// </summary>
public sealed class SimulationRunner : IPublishingRun
{
    // 1,000 servers × 39 series ≈ 39,000 events: small enough to spread a round evenly, large
    // enough that generating a chunk costs far less than publishing it.
    internal const int ChunkSize = 1_000;

    private static readonly Dictionary<string, string> NoStructuredData = [];

    private readonly FleetGenerator _generator;
    private readonly IEventSink _sink;
    private readonly Pacer _pacer;
    private readonly LabelAnnouncer _labels;
    private readonly int _chunks;

    public SimulationRunner(FleetGenerator generator, IEventSink sink, Pacer pacer, LabelFile? labelFile)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(pacer);
        _generator = generator;
        _sink = sink;
        _pacer = pacer;
        _chunks = (generator.Options.Servers + ChunkSize - 1) / ChunkSize;
        Progress = new RunProgress((long)generator.Options.Ticks * _chunks, sink, pacer);
        _labels = new LabelAnnouncer(sink, labelFile, Progress);
    }

    public RunProgress Progress { get; }

    /// <summary>Runs every round, then waits up to <paramref name="flushTimeout"/> for the sink to confirm.</summary>
    /// <returns>The final state, counted after the flush.</returns>
    public async Task<RunSnapshot> RunAsync(TimeSpan flushTimeout, CancellationToken cancellationToken)
    {
        var options = _generator.Options;
        var seriesCount = FleetGenerator.ValuesPerServer;
        var values = new double[ChunkSize * seriesCount];
        var logs = new List<SimulatedLog>();
        var batch = new MetricBatch
        {
            source = MetricSource.SIMULATOR,
            intervalMs = (int)options.Interval.TotalMilliseconds,
            points = [.. SeriesCatalogue.All.Select(s => new MetricPoint { metric = s.Metric, unit = s.Unit, kind = s.Kind })],
        };
        var log = new LogRecord { source = LogSource.SIMULATOR, origin = "simulator", structuredData = NoStructuredData };
        long events = 0;

        for (var tick = 0; tick < options.Ticks && !cancellationToken.IsCancellationRequested; tick++)
        {
            var time = _generator.TimeOf(tick);
            for (var chunk = 0; chunk < _chunks; chunk++)
            {
                var offset = (options.Interval * tick) + (options.Interval * chunk / _chunks);
                Progress.SetBehind(await _pacer.WaitAsync(offset, events, cancellationToken));

                var first = chunk * ChunkSize;
                var count = Math.Min(ChunkSize, options.Servers - first);
                logs.Clear();
                _generator.Generate(tick, first, count, values, logs);

                for (var i = 0; i < count; i++)
                {
                    if (_generator.LabelStartingAt(first + i, tick) is { } label)
                    {
                        _labels.Announce(label);
                    }
                }

                var samples = Publish(batch, time, first, count, values);
                foreach (var line in logs)
                {
                    log.host = _generator.Servers[line.Server].Host;
                    log.app = line.App;
                    log.severity = line.Severity;
                    log.timestamp = (time + TimeSpan.FromMilliseconds(line.OffsetMs)).UtcDateTime;
                    log.message = line.Message;
                    _sink.Publish(log);
                }

                events += samples + logs.Count;
                Progress.AddSamples(samples);
                Progress.AddLogs(logs.Count);
                Progress.AddDone(1);
            }
        }

        _sink.Flush(flushTimeout);
        return Progress.Snapshot();
    }

    /// <summary>One batch per live server: every series of its pass in one record.</summary>
    private int Publish(MetricBatch batch, DateTimeOffset time, int first, int count, double[] values)
    {
        var points = batch.points;
        var seriesCount = points.Count;
        var published = 0;
        batch.timestamp = time.UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            var server = first + i;
            var row = i * seriesCount;
            if (double.IsNaN(values[row]))
            {
                continue;
            }

            batch.host = _generator.Servers[server].Host;
            for (var s = 0; s < seriesCount; s++)
            {
                points[s].value = values[row + s];
                points[s].tags = _generator.TagsFor(server, s);
            }

            _sink.Publish(batch);
            published += seriesCount;
        }

        return published;
    }
}
