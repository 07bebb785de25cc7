using Streams.Scoring.Series;

namespace Streams.Scoring.Tests.Series;

public sealed class SeriesStateTests
{
    [Fact]
    public void TryWriteFeatures_AfterHistory_SmoothedDifferencesOldestFirst()
    {
        var options = new SeriesDetectorOptions { DiffN = 1, SmoothN = 2, LagN = 1 };
        var state = new SeriesState(options);
        var features = new double[2];

        foreach (var value in new double[] { 1, 2, 4 })
        {
            state.Push(value);
        }

        Assert.False(state.TryWriteFeatures(features));
        state.Push(7);

        // Differences 1, 2, 3; moving averages of two: 1.5 then 2.5.
        Assert.True(state.TryWriteFeatures(features));
        Assert.Equal([1.5, 2.5], features);
        state.Push(11);
        Assert.True(state.TryWriteFeatures(features));
        Assert.Equal([2.5, 3.5], features);
    }
}
