using Microsoft.Extensions.Configuration;
using Streams.Scorer;

namespace Streams.Scorer.Tests;

public sealed class ScorerOptionsBindingTests
{
    [Fact]
    public void Bind_ChangeDetectorSettings_ReplaceTheDefaultsRatherThanAppendToThem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scorer:Detector:Change:Spans:0"] = "20",
            ["Scorer:Detector:Change:Spans:1"] = "90",
            ["Scorer:Detector:Change:MinDuration"] = "2",
            ["Scorer:Detector:MinDuration"] = "3",
        }).Build();

        var options = configuration.GetSection(ScorerOptions.SectionName).Get<ScorerOptions>()!;

        Assert.Equal([20, 90], options.Detector.Change.Spans);
        Assert.Null(options.Detector.Change.Floors);
        Assert.Equal([0.02, 0.05], options.Detector.Change.Resolved().Floors);
        Assert.Equal(2, options.Detector.Change.MinDuration);
        Assert.Equal(3, options.Detector.MinDuration);
    }

    [Fact]
    public void Bind_LearningSettings_ReachTheTopologysRetrainPolicyAndRecordLimit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scorer:Learning:FirstWindows"] = "30",
            ["Scorer:Learning:RetrainEvery"] = "720",
            ["Scorer:Learning:SpanWindows"] = "8640",
            ["Scorer:Learning:IncidentWindows"] = "180",
            ["Scorer:TrainOffThread"] = "false",
            ["Scorer:MaxRecordBytes"] = "5000000",
        }).Build();

        var settings = configuration.GetSection(ScorerOptions.SectionName).Get<ScorerOptions>()!.ScoreSettings();

        Assert.Equal(30, settings.Learning.FirstWindows);
        Assert.Equal(360, settings.Learning.MatureWindows);
        Assert.Equal(720, settings.Learning.RetrainEvery);
        Assert.Equal(8640, settings.Learning.SpanWindows);
        Assert.Equal(180, settings.Learning.IncidentWindows);
        Assert.False(settings.TrainOffThread);
        Assert.Equal(5_000_000, settings.MaxRecordBytes);
    }

    [Fact]
    public void Bind_ColdStartSettings_ReachTheTopologyAndGroupTheHosts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scorer:ColdStart:ChangeSpan"] = "18",
            ["Scorer:ColdStart:PriorPeers"] = "3",
            ["Scorer:ColdStart:PriorMargin"] = "1",
            ["Scorer:ColdStart:Groups:frontend"] = "web-*, edge-*",
        }).Build();

        var settings = configuration.GetSection(ScorerOptions.SectionName).Get<ScorerOptions>()!.ScoreSettings();

        Assert.Equal(18, settings.ColdStart.ChangeSpan);
        Assert.Equal(3, settings.ColdStart.PriorPeers);
        Assert.Equal(1, settings.ColdStart.PriorMargin);
        Assert.Equal(6, settings.ColdStart.ChangeThreshold);
        var groups = new Streams.Scoring.Fleet.FleetGroups(settings.ColdStart.Groups);
        Assert.Equal("frontend", groups.Of("edge-04"));
        Assert.Equal("db", groups.Of("db-01"));
    }
}
