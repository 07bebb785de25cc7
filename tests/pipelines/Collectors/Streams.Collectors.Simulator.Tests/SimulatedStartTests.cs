using Streams.Collectors.Simulator.Cli;

namespace Streams.Collectors.Simulator.Tests;

public sealed class SimulatedStartTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 21, 30, 7, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void Default_RealTime_StartsNowOnTheInterval() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 21, 30, 0, TimeSpan.Zero), SimulatedStart.Default(Now, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2), Interval));

    [Fact]
    public void Default_TwentyTimesRealTime_EndsWhenTheLastSampleIsSent()
    {
        // 90 s at 20× covers 30 min; every sample at wall second w describes start + 20 w, which
        // must not pass now + w, so the start lies 28.5 min back.
        var start = SimulatedStart.Default(Now, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(90), Interval);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 21, 1, 30, TimeSpan.Zero), start);
        Assert.True(start + TimeSpan.FromMinutes(30) <= Now + TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Default_AsFastAsPossible_TheWholeSpanLiesInThePast() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 30, 0, TimeSpan.Zero), SimulatedStart.Default(Now, TimeSpan.FromDays(1), TimeSpan.Zero, Interval));

    [Fact]
    public void Default_SlowerThanRealTime_StartsNow() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 21, 30, 0, TimeSpan.Zero), SimulatedStart.Default(Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), Interval));
}
