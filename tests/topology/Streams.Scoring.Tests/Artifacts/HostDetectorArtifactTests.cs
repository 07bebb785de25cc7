using System.Text.Json.Nodes;
using Streams.Scoring.Artifacts;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Series;

namespace Streams.Scoring.Tests.Artifacts;

public sealed class HostDetectorArtifactTests
{
    private static readonly string[] Names = ArtifactRows.Names;

    [Fact]
    public void Deserialize_SavedDetector_ScoresEveryWindowIdentically()
    {
        var trained = HostDetector.Train(Names, ArtifactRows.Rows(1_000, 1), new HostDetectorOptions { ThresholdScale = new Dictionary<string, double> { ["disk"] = 1.5 } });

        var loaded = HostDetectorArtifact.Deserialize(HostDetectorArtifact.Serialize(trained));

        Assert.Equal(trained.FeatureNames, loaded.FeatureNames);
        Assert.Equal(trained.Threshold, loaded.Threshold);
        Assert.Equal(trained.Options.Series, loaded.Options.Series);
        var test = ArtifactRows.Rows(200, 2);
        for (var i = 150; i < 160; i++)
        {
            test[(i * Names.Length) + 3] += 0.5;
        }

        var before = new HostScorer(trained);
        var after = new HostScorer(loaded);
        for (var i = 0; i < 200; i++)
        {
            var window = test.AsSpan(i * Names.Length, Names.Length);
            Assert.Equal(before.Score(window, default), after.Score(window, default));
            Assert.Equal(before.Shares.ToArray(), after.Shares.ToArray());
        }
    }

    [Fact]
    public void Serialize_SameDataAndSeed_GivesIdenticalBytes()
    {
        var options = new HostDetectorOptions { Series = new SeriesDetectorOptions { Seed = 7 } };

        var first = HostDetectorArtifact.Serialize(HostDetector.Train(Names, ArtifactRows.Rows(800, 3), options));
        var second = HostDetectorArtifact.Serialize(HostDetector.Train(Names, ArtifactRows.Rows(800, 3), options));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Deserialize_FormatOneArtifact_LoadsAsALevelOnlyDetector()
    {
        var trained = HostDetector.Train(Names, ArtifactRows.Rows(1_000, 1), new HostDetectorOptions());
        var document = JsonNode.Parse(HostDetectorArtifact.Serialize(trained))!.AsObject();
        document["formatVersion"] = 1;
        document.Remove("change");
        document["options"]!.AsObject().Remove("change");

        var loaded = HostDetectorArtifact.Deserialize(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.Null(loaded.Change);
        var scorer = new HostScorer(loaded);
        var test = ArtifactRows.Rows(300, 2);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(0, scorer.Score(test.AsSpan(i * Names.Length, Names.Length), default).ChangeRatio);
        }
    }

    [Fact]
    public void Deserialize_FormatTwoWithoutChangeModel_ThrowsInvalidData()
    {
        var trained = HostDetector.Train(Names, ArtifactRows.Rows(1_000, 1), new HostDetectorOptions());
        var document = JsonNode.Parse(HostDetectorArtifact.Serialize(trained))!.AsObject();
        document.Remove("change");

        var error = Assert.Throws<InvalidDataException>(() => HostDetectorArtifact.Deserialize(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString())));

        Assert.Contains("no change model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "not a streams-host-detector")]
    [InlineData("{\"format\":\"streams-host-detector\",\"formatVersion\":99}", "format version 99")]
    [InlineData("not json", "not valid JSON")]
    public void Deserialize_ForeignOrFutureDocument_ThrowsInvalidData(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => HostDetectorArtifact.Deserialize(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
