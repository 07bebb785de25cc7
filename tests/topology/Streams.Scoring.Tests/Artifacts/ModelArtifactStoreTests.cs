using Streams.Scoring.Artifacts;

namespace Streams.Scoring.Tests.Artifacts;

public sealed class ModelArtifactStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "streams-artifacts-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Save_TwoVersions_ReadsBackMetadataAndTracksTheLatest()
    {
        var store = new ModelArtifactStore(root);
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var first = ModelVersion.Next(now, store.LatestVersion("host/web-01"));
        var saved = store.Save(Metadata(first), [1, 2, 3]);
        var second = ModelVersion.Next(now, store.LatestVersion("host/web-01"));
        store.Save(Metadata(second), [4]);

        var (metadata, model) = ModelArtifactStore.Read(saved.ArtifactPath!);

        Assert.Equal("20261130T120000000Z", first);
        Assert.Equal("20261130T120000001Z", second);
        Assert.Equal(second, store.LatestVersion("host/web-01"));
        Assert.Equal([1, 2, 3], model);
        Assert.Equal(saved with { Evaluation = metadata.Evaluation, FeatureNames = metadata.FeatureNames }, metadata);
        Assert.Equal(["cpu", "mem"], metadata.FeatureNames);
        Assert.Equal(0.25, metadata.Evaluation["heldOutAlarmRate"]);
        Assert.StartsWith(Path.Combine(store.Root, "host", "web-01"), saved.ArtifactPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ExistingVersion_Throws()
    {
        var store = new ModelArtifactStore(root);
        store.Save(Metadata("20261130T120000000Z"), [1]);

        Assert.Throws<IOException>(() => store.Save(Metadata("20261130T120000000Z"), [1]));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ModelMetadata Metadata(string version) => new()
    {
        Name = "host/web-01",
        Host = "web-01",
        Version = version,
        FeatureNames = ["cpu", "mem"],
        Threshold = 1.25,
        Source = "test",
        TrainingRows = 10,
        Seed = 42,
        Evaluation = new Dictionary<string, double> { ["heldOutAlarmRate"] = 0.25 },
        CreatedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
    };
}
