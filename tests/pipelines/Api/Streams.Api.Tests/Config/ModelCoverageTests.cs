using Streams.Api.Config;
using Streams.Scoring.Artifacts;

namespace Streams.Api.Tests.Config;

public sealed class ModelCoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_AnnouncedAndSelfTrainedForOneHost_TheAnnouncedOneCovers()
    {
        var coverage = ModelCoverage.Of([Self("web-01", "own-model", trainedHoursAgo: 1), Announced("web-01", trainedHoursAgo: 48)], Now);

        var web = Assert.Single(coverage);
        Assert.Equal("announced", web.CoveredBy);
        Assert.Equal("host/web-01", web.Model);
        Assert.Equal(48 * 3600, web.AgeSeconds);
        Assert.Null(web.NextRetrainAt);
        Assert.True(web.SelfTrainedModel);
    }

    [Fact]
    public void Of_ScorerRecords_OwnModelWithAgeAndNextRetrainColdStartWithoutModel()
    {
        var coverage = ModelCoverage.Of([Self("web-02", "fleet-prior", trainedHoursAgo: 0), Self("web-01", "own-model", trainedHoursAgo: 2)], Now);

        Assert.Equal(["web-01", "web-02"], coverage.Select(c => c.Host));
        var own = coverage[0];
        Assert.Equal("own-model", own.CoveredBy);
        Assert.Equal(2 * 3600, own.AgeSeconds);
        Assert.Equal(Now.AddHours(1), own.NextRetrainAt);
        Assert.Equal(8_640, own.WindowsSeen);
        var cold = coverage[1];
        Assert.Equal("fleet-prior", cold.CoveredBy);
        Assert.Null(cold.Version);
        Assert.Null(cold.AgeSeconds);
        Assert.False(cold.SelfTrainedModel);
        Assert.Equal("web", cold.Group);
    }

    private static ModelMetadata Announced(string host, int trainedHoursAgo) => new()
    {
        Name = ModelMetadata.HostModelName(host),
        Host = host,
        Version = "20261205T120000000Z",
        FeatureNames = ["cpu"],
        CreatedAt = Now.AddHours(-trainedHoursAgo),
    };

    private static ModelMetadata Self(string host, string coverage, int trainedHoursAgo) => new()
    {
        Name = ModelMetadata.SelfModelName(host),
        Host = host,
        Version = "20261207T100000000Z",
        FeatureNames = ["cpu"],
        CreatedAt = Now.AddHours(-trainedHoursAgo),
        Origin = ModelMetadata.SelfTrainedOrigin,
        Coverage = coverage,
        Group = "web",
        WindowsSeen = coverage == "own-model" ? 8_640 : null,
        NextRetrainAt = Now.AddHours(1),
    };
}
