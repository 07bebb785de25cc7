using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;
using Streams.Topology.Scoring;

namespace Streams.Topology.Tests.Scoring;

/// <summary>The scorers' published models: artifacts kept on disk and read back to adopt a host, ranges in memory for the priors.</summary>
public sealed class FleetModelsTests : IDisposable
{
    private const string Older = "20261125T090000000Z";
    private const string Newer = "20261125T100000000Z";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "streams-fleet-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Trained_PublishedModel_IsReadBackFromItsFile()
    {
        var fleet = new FleetModels(new ColdStartOptions(), folder);
        fleet.Publish(Record("web-01", Newer, model: [1, 2, 3]));

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal([1, 2, 3], fleet.Trained("web-01")?.Model);

        // Memory holds no artifact: with its file gone the host is not adoptable (it learns from zero).
        File.Delete(file);
        Assert.Null(fleet.Trained("web-01"));
    }

    [Fact]
    public void Publish_OlderVersionAfterNewer_KeepsTheNewerArtifact()
    {
        var fleet = new FleetModels(new ColdStartOptions(), folder);

        Assert.True(fleet.Publish(Record("web-01", Newer, model: [2])));
        Assert.False(fleet.Publish(Record("web-01", Older, model: [1])));
        Assert.Equal([2], fleet.Trained("web-01")?.Model);
        Assert.Equal(Newer, fleet.Trained("web-01")?.Version);
    }

    [Fact]
    public void Publish_NewerRecordWithoutModel_LeavesNothingToAdopt()
    {
        var fleet = new FleetModels(new ColdStartOptions(), folder);
        fleet.Publish(Record("web-01", Older, model: [1]));

        fleet.Publish(Record("web-01", Newer, model: null));

        Assert.Null(fleet.Trained("web-01"));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void Remove_Tombstone_ForgetsTheHostAndDeletesItsFile()
    {
        var fleet = new FleetModels(new ColdStartOptions(), folder);
        fleet.Publish(Record("web-01", Newer, model: [1]));

        fleet.Remove("web-01");

        Assert.Equal(0, fleet.Count);
        Assert.Null(fleet.Trained("web-01"));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void New_FolderOfAnEarlierRun_IsEmptiedNotTrusted()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "stale.json"), "{}");

        var fleet = new FleetModels(new ColdStartOptions(), folder);

        Assert.Empty(Directory.GetFiles(folder));
        Assert.Equal(0, fleet.Count);
    }

    [Fact]
    public void PriorFor_PoolsTheRangesOfTheOtherTrainedHostsOfTheGroup()
    {
        var fleet = new FleetModels(new ColdStartOptions { PriorPeers = 2 }, folder);
        fleet.Publish(Record("web-01", Newer, model: [1], low: 0.2));
        fleet.Publish(Record("web-02", Newer, model: [1], low: 0.3));
        fleet.Publish(Record("web-03", Newer, model: null));
        fleet.Publish(Record("db-01", Newer, model: [1], low: 5));

        var prior = fleet.PriorFor("web-04");

        Assert.Equal(2, prior?.Peers);
        Assert.Equal(0.35, prior!.Expected("cpu")!.Value, 6);
        Assert.Null(fleet.PriorFor("web-01"));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A scorer's self/ record: with a model, the host's training range of cpu from low to low + 0.2.
    private static ModelMetadata Record(string host, string version, byte[]? model, double low = 0.2) => new()
    {
        Name = ModelMetadata.SelfModelName(host),
        Host = host,
        Version = version,
        FeatureNames = ["cpu"],
        Origin = ModelMetadata.SelfTrainedOrigin,
        Model = model,
        Ranges = model is null ? null : [new FeatureRange("cpu", low, low + 0.2)],
    };
}
