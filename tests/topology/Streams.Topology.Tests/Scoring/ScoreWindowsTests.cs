using System.Text;
using io.streams.avro;
using Streams.Scoring.Learning;
using Streams.Topology.DeadLetters;
using Streams.Topology.Scoring;

namespace Streams.Topology.Tests.Scoring;

public sealed class ScoreWindowsTests
{
    [Fact]
    public void Score_HostLearnsThenDiskSpikes_EmitsAnomalyExplainedByDisk()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(warmup: 300));
        var random = new Random(1);
        for (var i = 0; i < 299; i++)
        {
            harness.Pipe(HostWindows.Window("web-01", i, HostWindows.Values(i, random)));
        }

        // No model yet: judged by the cold-start change detector, which a steady workload never trips.
        Assert.Equal(HostPhase.ChangeOnly, harness.Status.PhaseOf("web-01"));
        Assert.All(harness.Scored, s => Assert.Equal("change-only", s.ModelVersion));
        Assert.DoesNotContain(harness.Scored, s => s.IsAnomaly);
        harness.Scored.Clear();
        for (var i = 299; i < 400; i++)
        {
            harness.Pipe(HostWindows.Window("web-01", i, HostWindows.Values(i, random)));
        }

        Assert.Equal(0, harness.Status.LearningHosts);
        Assert.Equal(1, harness.Status.ScoringHosts);
        Assert.Equal(100, harness.Scored.Count(s => s.ModelVersion != "change-only"));
        Assert.Empty(harness.ReadAnomalies());
        for (var i = 400; i < 405; i++)
        {
            var values = HostWindows.Values(i, random);
            values[3] += 0.4;
            harness.Pipe(HostWindows.Window("web-01", i, values));
        }

        var anomalies = harness.ReadAnomalies();
        Assert.NotEmpty(anomalies);
        var first = anomalies[0];
        Assert.Equal("web-01", first.host);
        Assert.Null(first.series);
        Assert.Equal("ensemble", first.model);
        Assert.Equal(harness.Scored[^1].ModelVersion, first.modelVersion);
        Assert.True(first.score > first.threshold);
        // The change detector raises the spike's first window; the level detectors would wait for a second.
        Assert.Equal(HostWindows.T0.AddSeconds(4_000), first.window.start);
        Assert.Equal(1, first.consecutiveWindows);
        var top = first.contributions[0];
        Assert.Equal("disk", top.series);
        Assert.True(top.share > 0.5, $"disk explains only {top.share:P0}");
        Assert.True(top.value > top.expected + 0.2, $"disk {top.value} against expected {top.expected}");
        Assert.True(first.contributions.Sum(c => c.share) <= 1 + 1e-9);
        Assert.NotEqual(Severity.UNKNOWN, first.severity);
        Assert.Equal(32, first.id.Length);
    }

    [Fact]
    public void Score_ModelVersionSwappedMidStream_EveryLaterWindowScoredByTheNewVersionNoneLost()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options());
        harness.Models.Publish("web-01", new HostModel("host/web-01", "20261125T090000000Z", ScoringHarness.Train(600, 1)));
        var random = new Random(2);
        for (var i = 0; i < 50; i++)
        {
            harness.Pipe(HostWindows.Window("web-01", i, HostWindows.Values(i, random)));
        }

        Assert.True(harness.Models.Publish("web-01", new HostModel("host/web-01", "20261125T100000000Z", ScoringHarness.Train(600, 3))));
        for (var i = 50; i < 100; i++)
        {
            harness.Pipe(HostWindows.Window("web-01", i, HostWindows.Values(i, random)));
        }

        var scored = harness.Scored;
        Assert.Equal(100, scored.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i * 10_000), scored.Select(s => s.WindowStartMs - scored[0].WindowStartMs));
        Assert.All(scored.Take(50), s => Assert.Equal("20261125T090000000Z", s.ModelVersion));
        Assert.All(scored.Skip(50), s => Assert.Equal("20261125T100000000Z", s.ModelVersion));
        Assert.Equal(0, harness.Status.LearningHosts);
    }

    [Fact]
    public void Publish_OlderVersionAfterNewer_KeepsTheNewer()
    {
        var registry = new ModelRegistry();
        var detector = ScoringHarness.Train(200, 1);

        Assert.True(registry.Publish("web-01", new HostModel("host/web-01", "20261125T100000000Z", detector)));
        Assert.False(registry.Publish("web-01", new HostModel("host/web-01", "20261125T090000000Z", detector)));
        Assert.True(registry.TryGet("web-01", out var current));
        Assert.Equal("20261125T100000000Z", current.Version);
    }

    [Fact]
    public void Score_WindowsOfAnotherSize_AreNeitherScoredNorLearned()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options());
        harness.Models.Publish("web-01", new HostModel("host/web-01", "20261125T090000000Z", ScoringHarness.Train(600, 1)));
        var random = new Random(2);

        harness.Pipe(HostWindows.Window("web-01", 0, HostWindows.Values(0, random), sizeMs: 60_000));
        harness.Pipe(HostWindows.Window("web-02", 0, HostWindows.Values(0, random), sizeMs: 60_000));

        Assert.Empty(harness.Scored);
        Assert.Null(harness.Status.IsScoring("web-02"));
    }

    [Fact]
    public void Score_UndecodableWindow_GoesToDeadLetterAndTheNextWindowIsScored()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options());
        harness.Models.Publish("web-01", new HostModel("host/web-01", "20261125T090000000Z", ScoringHarness.Train(600, 1)));
        var random = new Random(2);

        harness.Input.PipeInput("web-01", [0x00, 0x01, 0x02]);
        harness.Pipe(HostWindows.Window("web-01", 0, HostWindows.Values(0, random)));

        var letter = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal("metrics.windows", letter.Message.Key);
        Assert.Equal([0x00, 0x01, 0x02], letter.Message.Value);
        Assert.Equal(RejectReason.MalformedAvro, Header(letter.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Equal(ScoreWindows.StageName, Header(letter.Message.Headers, DeadLetterHeaders.Stage));
        Assert.Single(harness.Scored);
    }

    private static string Header(Confluent.Kafka.Headers headers, string key) => Encoding.UTF8.GetString(headers.GetLastBytes(key));
}
