using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Series;
using Streams.Collectors.Simulator.Simulation;

namespace Streams.Collectors.Simulator.Tests;

public sealed class SimulationRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("simulator-tests-").FullName;

    private static FleetOptions Options(int servers, int ticks) => new()
    {
        Servers = servers,
        Seed = 9,
        Start = new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero),
        Interval = TimeSpan.FromSeconds(10),
        Ticks = ticks,
        IncidentFraction = 0.3,
    };

    [Fact]
    public async Task RunAsync_PublishesEverySeriesOfEveryServerEachRound()
    {
        var generator = new FleetGenerator(Options(servers: 1_500, ticks: 12));
        var sink = new RecordingSink();
        using var labels = new LabelFile(Path.Combine(_dir, "labels.jsonl"));
        var runner = new SimulationRunner(generator, sink, new Pacer(0, 0), labels);

        var final = await runner.RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        var silent = CountSilentServerRounds(generator);
        Assert.Equal(((1_500L * 12) - silent) * SeriesCatalogue.All.Count, sink.Samples.Count);
        Assert.Equal(sink.Samples.Count / SeriesCatalogue.All.Count, sink.Batches);
        Assert.Equal(final.Samples, sink.Samples.Count);
        Assert.Equal(final.Logs, sink.Logs.Count);
        Assert.Equal(runner.Progress.Total, final.Done);
        Assert.Equal(12 * 2, final.Total);
        Assert.All(sink.Samples.Take(1_000), s => Assert.Equal(generator.TimeOf(0).UtcDateTime, s.Time));
        Assert.Equal(generator.Servers.Select(s => s.Host).Order(), sink.Samples.Take(1_500 * SeriesCatalogue.All.Count).Select(s => s.Host).Distinct().Order());
    }

    [Fact]
    public async Task RunAsync_AnnouncesEachLabelOnceToTopicAndFile_AtItsStart()
    {
        var generator = new FleetGenerator(Options(servers: 200, ticks: 40));
        var sink = new RecordingSink();
        var path = Path.Combine(_dir, "labels.jsonl");
        RunSnapshot final;
        using (var labels = new LabelFile(path))
        {
            final = await new SimulationRunner(generator, sink, new Pacer(0, 0), labels).RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        Assert.NotEmpty(generator.Labels);
        Assert.Equal(generator.Labels.Select(l => l.Id).Order(), sink.Labels.Select(l => l.Id).Order());
        Assert.Equal(sink.Labels.Select(l => l.ToJson()), LabelFile.Read(path).Select(l => l.ToJson()));
        Assert.Equal(sink.Labels.Count, final.Labels);
        // A label goes out with the first samples of its interval, never after them.
        var firstLabel = sink.Labels[0];
        Assert.Equal(sink.Labels.Min(l => l.Start), firstLabel.Start);
    }

    [Fact]
    public async Task RunAsync_WithRateCap_TakesAtLeastEventsOverRate()
    {
        var generator = new FleetGenerator(Options(servers: 1_000, ticks: 3) with { IncidentFraction = 0 });
        var sink = new RecordingSink();
        var runner = new SimulationRunner(generator, sink, new Pacer(0, 60_000), null);

        var final = await runner.RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        // Three chunks of 39,000 samples: the third may start only once the first two fit under 60,000/s.
        Assert.True(final.Elapsed >= TimeSpan.FromSeconds(1.2), $"took {final.Elapsed}");
        Assert.True(final.EventsPerSecond < 120_000, $"{final.EventsPerSecond:N0} events/s");
    }

    [Fact]
    public void IncidentLabel_JsonRoundTrip_KeepsEveryField()
    {
        var label = new IncidentLabel("sim-1-000001", "simulator", "web-eu-1-000001", "CpuSaturation",
            new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 7, 12, 5, 0, TimeSpan.Zero), ["cpu.util"], "d");

        var json = label.ToJson();
        var back = IncidentLabel.FromJson(json);

        Assert.Contains("\"host\":\"web-eu-1-000001\"", json, StringComparison.Ordinal);
        Assert.Equal(label.ToJson(), back.ToJson());
        Assert.Equal(label.Start, back.Start);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static long CountSilentServerRounds(FleetGenerator generator)
    {
        var options = generator.Options;
        var failures = generator.Labels.Where(l => l.Kind == nameof(Incidents.IncidentKind.HardwareDegradation));
        return failures.Sum(l => options.Ticks - (long)((l.End - options.Start) / options.Interval));
    }
}
