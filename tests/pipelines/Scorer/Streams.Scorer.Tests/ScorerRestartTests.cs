using io.streams.avro;
using Streams.Scoring.Learning;
using Streams.Topology.Tests.Scoring;

namespace Streams.Scorer.Tests;

/// <summary>
/// A scorer that loses its instance keeps its hosts' learning: the next instance of the same
/// application, on an empty state directory (a restart without its disk, or the next owner of the
/// partition after a rebalance), restores the stores from their changelogs through the embedded
/// broker. Fits run in the window that made them due, so a burst of windows cannot outrun them.
/// </summary>
public sealed class ScorerRestartTests
{
    [Fact]
    public async Task Scorer_RestartedMidWarmupWithoutItsStateDirectory_ResumesTheWarmup()
    {
        await using var platform = await ScorerPlatform.StartAsync();
        var application = ScorerPlatform.NewApplicationId();
        var (host, first) = await platform.StartInstanceAsync(application, trainOffThread: false);
        var random = new Random(3);
        platform.Produce(Windows("web-01", 0, 40, random));

        // The first 12 windows are only recorded; the change detector judges the next 28.
        await Until(() => first.Status.WindowsScored == 28);
        Assert.Null(first.Fleet.Trained("web-01"));
        await platform.StopAsync(host);

        var (_, second) = await platform.StartInstanceAsync(application, trainOffThread: false);
        platform.Produce(Windows("web-01", 40, 80, random));

        // From zero, these 40 windows would make no model (the first takes 60): the warm-up resumed at 40.
        await Until(() => second.Fleet.Trained("web-01") is not null);
        var model = second.Fleet.Trained("web-01")!;
        Assert.Equal(60, model.WindowsSeen);
        Assert.Equal(60, model.TrainingRows);
    }

    [Fact]
    public async Task Scorer_NextOwnerOfTheHost_ScoresItWithTheModelTrainedBeforeTheMove()
    {
        await using var platform = await ScorerPlatform.StartAsync();
        var application = ScorerPlatform.NewApplicationId();
        var (host, first) = await platform.StartInstanceAsync(application, trainOffThread: false);
        var random = new Random(4);
        platform.Produce(Windows("web-01", 0, 70, random));
        await Until(() => first.Status.WindowsScored == 58);
        var version = first.Status.CoverageOf("web-01")?.ModelVersion;
        Assert.Equal(HostPhase.Provisional, first.Status.PhaseOf("web-01"));
        await platform.StopAsync(host);

        var (_, second) = await platform.StartInstanceAsync(application, trainOffThread: false);
        platform.Produce(Windows("web-01", 70, 75, random));
        await Until(() => second.Status.WindowsScored == 5);

        Assert.Equal(HostPhase.Provisional, second.Status.PhaseOf("web-01"));
        Assert.Equal(version, second.Status.CoverageOf("web-01")?.ModelVersion);
    }

    private static IEnumerable<MetricWindow> Windows(string host, int from, int to, Random random) =>
        [.. Enumerable.Range(from, to - from).Select(i => HostWindows.Window(host, i, HostWindows.Values(i, random)))];

    private static async Task Until(Func<bool> condition)
    {
        for (var wait = 0; wait < 900 && !condition(); wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the condition did not hold within 90 s");
    }
}
