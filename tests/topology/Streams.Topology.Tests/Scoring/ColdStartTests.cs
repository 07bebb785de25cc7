using Streams.Scoring.Learning;
using Streams.Topology.Metrics;
using Streams.Topology.Scoring;

namespace Streams.Topology.Tests.Scoring;

/// <summary>A new host is judged within minutes: change-only from its own first windows, then its group's fleet prior on levels.</summary>
public sealed class ColdStartTests
{
    // 10 s windows: minute 8 is window 48, before the first own model (window 60).
    private const int MinuteEight = 48;

    [Fact]
    public void Score_NewHostOfATrainedGroupSpikesAtMinuteEight_AnomalyFromTheFleetPriorBeforeItsOwnModel()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(new RetrainPolicy()));
        TrainPeers(harness);

        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var values = HostWindows.Values(i, random);
            values[0] += i is >= MinuteEight and < MinuteEight + 3 ? 0.6 : 0;
            harness.Pipe(HostWindows.Window("web-03", i, values));
            if (i == 0)
            {
                Assert.Equal(HostPhase.FleetPrior, harness.Status.PhaseOf("web-03"));
            }
        }

        var anomalies = harness.ReadAnomalies().Where(a => a.host == "web-03").ToList();
        Assert.NotEmpty(anomalies);
        Assert.All(anomalies, a => Assert.InRange(Index(a.window.start), MinuteEight, MinuteEight + 3));
        Assert.Equal(MinuteEight, Index(anomalies[0].window.start));
        Assert.Equal("fleet-prior", anomalies[0].model);
        Assert.Equal("cpu", anomalies[0].contributions[0].series);
    }

    [Fact]
    public void Score_NewHostWithoutPeersSpikesAtMinuteEight_AnomalyFromTheChangeDetector()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(new RetrainPolicy()));
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var values = HostWindows.Values(i, random);
            values[0] += i is >= MinuteEight and < MinuteEight + 3 ? 0.6 : 0;
            harness.Pipe(HostWindows.Window("db-01", i, values));
        }

        var anomalies = harness.ReadAnomalies();
        Assert.NotEmpty(anomalies);
        Assert.Equal(MinuteEight, Index(anomalies[0].window.start));
        Assert.Equal("change-only", anomalies[0].model);
        Assert.Equal(HostPhase.Provisional, harness.Status.PhaseOf("db-01"));
    }

    [Fact]
    public void Score_NewHostWhoseLevelNoPeerShowed_OnlyTheFleetPriorFlagsIt()
    {
        using var withPeers = new ScoringHarness(ScoringHarness.Options(new RetrainPolicy()));
        TrainPeers(withPeers);
        using var alone = new ScoringHarness(ScoringHarness.Options(new RetrainPolicy()));

        // Disk 1.5 above where every web host keeps it, from the first window: no change to see.
        foreach (var harness in new[] { withPeers, alone })
        {
            var random = new Random(7);
            for (var i = 0; i < 30; i++)
            {
                var values = HostWindows.Values(i, random);
                values[3] += 1.5;
                harness.Pipe(HostWindows.Window("web-03", i, values));
            }
        }

        var flagged = withPeers.ReadAnomalies().Where(a => a.host == "web-03").ToList();
        Assert.NotEmpty(flagged);
        Assert.Equal(1, Index(flagged[0].window.start));
        Assert.Equal("disk", flagged[0].contributions[0].series);
        Assert.True(flagged[0].contributions[0].expected < 0.5, $"the fleet expects disk at {flagged[0].contributions[0].expected}");
        Assert.Empty(alone.ReadAnomalies());
    }

    [Fact]
    public void Score_NewHostOfATrainedGroupRunsNormally_NoAnomalyBeforeItsOwnModel()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(new RetrainPolicy()));
        TrainPeers(harness);
        harness.Scored.Clear();
        foreach (var host in new[] { "web-03", "web-04", "web-05" })
        {
            var random = new Random(host[^1]);
            for (var i = 0; i < 60; i++)
            {
                harness.Pipe(HostWindows.Window(host, i + (host[^1] * 37), HostWindows.Values(i + (host[^1] * 37), random)));
            }
        }

        Assert.Equal(180, harness.Scored.Count(s => s.ModelVersion == "fleet-prior"));
        Assert.DoesNotContain(harness.ReadAnomalies(), a => a.host != "web-01" && a.host != "web-02");
    }

    // Two web hosts with their own mature models: the prior of group "web".
    private static void TrainPeers(ScoringHarness harness)
    {
        foreach (var host in new[] { "web-01", "web-02" })
        {
            var random = new Random(host[^1]);
            for (var i = 0; i < 400; i++)
            {
                harness.Pipe(HostWindows.Window(host, i, HostWindows.Values(i, random)));
            }
        }

        harness.ReadAnomalies();
    }

    private static int Index(DateTime start) => (int)((EpochMs.Of(start) - EpochMs.Of(HostWindows.T0)) / 10_000);
}
