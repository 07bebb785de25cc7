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
}
