using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests.Metrics;

public sealed class DetectionDelaysTests
{
    private static bool[] Bits(string text) => [.. text.Select(c => c == '1')];

    [Fact]
    public void Of_TwoDetectedEventsOneMissed_MedianAndP90OverTheDetected()
    {
        // Events rows 1–3, 5–6 and 8–9. First alarms: row 1 (delay 0), none in 5–6 (missed), row 9 (delay 1).
        // Delays {0, 1}: median 0.5; p90 by linear interpolation 0 + 0.9·(1 − 0) = 0.9. At 60 s a row: 30 s and 54 s.
        var delays = DetectionDelays.Of(Bits("0100000001"), Bits("0111011011"), (from, to) => (to - from) * 60.0);

        Assert.Equal(2, delays.Count);
        Assert.Equal(0.5, delays.MedianWindows, 12);
        Assert.Equal(0.9, delays.P90Windows, 12);
        Assert.Equal(30, delays.MedianSeconds, 12);
        Assert.Equal(54, delays.P90Seconds, 12);
    }

    [Fact]
    public void Add_TwoFiles_PoolEveryDetectedEvent()
    {
        // File a: delays {0, 1}; file b: one event rows 0–3, first alarm row 3, delay 3. Pooled {0, 1, 3}: median 1.
        var pooled = DetectionDelays.Of(Bits("0100000001"), Bits("0111011011"), (from, to) => to - from);
        pooled.Add(DetectionDelays.Of(Bits("0001"), Bits("1111"), (from, to) => to - from));

        Assert.Equal(3, pooled.Count);
        Assert.Equal(1, pooled.MedianWindows, 12);
    }

    [Fact]
    public void Of_NothingDetected_DelaysUndefined()
    {
        var delays = DetectionDelays.Of(Bits("1000"), Bits("0011"), (from, to) => to - from);

        Assert.Equal(0, delays.Count);
        Assert.True(double.IsNaN(delays.MedianWindows));
    }
}
