using Streams.Scoring.Artifacts;
using Streams.Scoring.Learning;
using Streams.Topology.Scoring;

namespace Streams.Topology.Tests.Scoring;

/// <summary>Self-trained models on the models topic: what is published, who adopts it, and the precedence rules.</summary>
public sealed class SelfTrainedModelsTests
{
    private static readonly RetrainPolicy Policy = new() { FirstWindows = 60, MatureWindows = 360, RetrainEvery = 200, SpanWindows = 1_600 };

    [Fact]
    public void Score_HostLearns_PublishesItsCoverageThenEachModelUnderItsSelfKey()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        Pipe(harness, "web-01", 0, 400);

        var published = harness.ReadPublished();
        Assert.All(published, p => Assert.Equal("self/web-01", p.Key));
        Assert.Equal(["learning", "change-only", "provisional", "provisional", "provisional", "own-model"], published.Select(p => p.Record.Coverage));
        Assert.Equal(published.Select(p => p.Record.Version).Order(StringComparer.Ordinal), published.Select(p => p.Record.Version));
        Assert.All(published, p => Assert.Equal(ModelMetadata.SelfTrainedOrigin, p.Record.Origin));
        Assert.All(published.Take(2), p => Assert.Null(p.Record.Model));

        var mature = published[^1].Record;
        Assert.Equal(360, mature.WindowsSeen);
        Assert.Equal(360, mature.TrainingRows);
        Assert.Equal("web", mature.Group);
        Assert.Equal(HostWindows.Names, mature.Ranges!.Select(r => r.Name));
        Assert.All(mature.Ranges!, r => Assert.True(r.Low < r.High));
        Assert.Equal(HostWindows.Names, HostDetectorArtifact.Deserialize(mature.Model!).FeatureNames);

        // Trained at window 359, retrained 200 windows later: the end of window 559.
        Assert.Equal(new DateTimeOffset(HostWindows.T0.AddSeconds(5_600)), mature.NextRetrainAt);
        var coverage = harness.Status.CoverageOf("web-01")!.Value;
        Assert.Equal(HostPhase.Scoring, coverage.Phase);
        Assert.Equal(mature.Version, coverage.ModelVersion);
        Assert.Equal(ModelVersion.TimeOf(mature.Version), coverage.TrainedAt);
        Assert.Equal(mature.NextRetrainAt, coverage.NextRetrainAt);
    }

    [Fact]
    public void Score_AnotherInstanceWithoutState_AdoptsThePublishedModelInsteadOfLearningFromZero()
    {
        using var first = new ScoringHarness(ScoringHarness.Options(Policy));
        Pipe(first, "web-01", 0, 400);
        var mature = first.ReadPublished()[^1].Record;

        using var second = new ScoringHarness(ScoringHarness.Options(Policy));
        second.Fleet.Publish(mature);
        Pipe(second, "web-01", 400, 401);

        Assert.Equal(HostPhase.Scoring, second.Status.PhaseOf("web-01"));
        Assert.Equal(mature.Version, Assert.Single(second.Scored).ModelVersion);
        Assert.Empty(second.ReadPublished());

        // Its schedule goes on from the published one: the next model is due 200 windows after it,
        // trained on what this instance gathered since, and scores the window after.
        Pipe(second, "web-01", 401, 600);
        Assert.Equal(mature.Version, second.Scored[^1].ModelVersion);
        Pipe(second, "web-01", 600, 601);
        Assert.NotEqual(mature.Version, second.Scored[^1].ModelVersion);
        Assert.Equal(200, second.ReadPublished()[^1].Record.TrainingRows);
    }

    [Fact]
    public void Score_HostWithItsOwnStoredModel_KeepsItOverAModelPublishedForItElsewhere()
    {
        using var harness = new ScoringHarness(ScoringHarness.Options(Policy));
        Pipe(harness, "web-01", 0, 400);
        var own = harness.ReadPublished()[^1].Record;
        harness.Fleet.Publish(own with { Version = ModelVersion.Next(harness.Clock.GetUtcNow().AddDays(1), null) });

        Pipe(harness, "web-01", 400, 401);

        Assert.Equal(own.Version, harness.Scored[^1].ModelVersion);
    }

    [Fact]
    public void Score_AnnouncedModelBesideASelfTrainedOne_TheAnnouncedOneScores()
    {
        using var first = new ScoringHarness(ScoringHarness.Options(Policy));
        Pipe(first, "web-01", 0, 400);
        var selfTrained = first.ReadPublished()[^1].Record;

        using var second = new ScoringHarness(ScoringHarness.Options(Policy));
        second.Fleet.Publish(selfTrained);
        var announced = new HostModel(ModelMetadata.HostModelName("web-01"), "20200101T000000000Z", ScoringHarness.Train(400, seed: 3));
        second.Models.Publish("web-01", announced);
        Pipe(second, "web-01", 400, 402);

        Assert.Equal(HostPhase.Announced, second.Status.PhaseOf("web-01"));
        Assert.All(second.Scored, s => Assert.Equal(announced.Version, s.ModelVersion));
        Assert.Empty(second.ReadPublished());
    }

    [Fact]
    public void Score_ModelOverTheRecordLimit_ScoresFromMemoryButIsNeitherStoredNorShippedWithItsArtifact()
    {
        var options = ScoringHarness.Options(Policy);
        options.MaxRecordBytes = 2_048;
        using var harness = new ScoringHarness(options);
        Pipe(harness, "web-01", 0, 400);

        // Models at 60, 120, 240 and 360: each over the limit, each counted, each published without its artifact.
        Assert.Equal(4, harness.Status.OversizedModels);
        var published = harness.ReadPublished();
        Assert.All(published, p => Assert.Null(p.Record.Model));
        var mature = published[^1].Record;
        Assert.Equal("own-model", mature.Coverage);
        Assert.Equal(mature.Version, harness.Scored[^1].ModelVersion);
        Assert.Null(harness.Fleet.Trained("web-01"));

        var state = harness.Restored(ScoreWindows.HostStoreName, new LearningStateSerDes())["web-01"];
        Assert.Null(state.Model);
        Assert.Equal(mature.Version, state.Version);
    }

    private static void Pipe(ScoringHarness harness, string host, int from, int to)
    {
        var random = new Random(from + 1);
        for (var i = from; i < to; i++)
        {
            harness.Pipe(HostWindows.Window(host, i, HostWindows.Values(i, random)));
        }
    }
}
