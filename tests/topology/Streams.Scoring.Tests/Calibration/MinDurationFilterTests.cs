using Streams.Scoring.Calibration;

namespace Streams.Scoring.Tests.Calibration;

public sealed class MinDurationFilterTests
{
    [Fact]
    public void Next_OneSampleBlipThenRun_FlagsFromTheSecondConsecutiveWindow()
    {
        var filter = new MinDurationFilter(2);
        bool[] over = [true, false, true, true, true, false];

        var flagged = over.Select(filter.Next).ToArray();

        Assert.Equal([false, false, false, true, true, false], flagged);
    }
}
