using Streams.Topology.Windowing;

namespace Streams.Topology.Tests.Windowing;

public sealed class HostWindowClockTests
{
    // Ten-second windows, two seconds of grace, a host silent after a minute.
    private static HostWindowClock Clock() => new(10_000, 2_000, 60_000);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9_999, 0)]
    [InlineData(10_000, 10_000)]
    [InlineData(-1, -10_000)]
    [InlineData(-10_000, -10_000)]
    public void StartOf_Timestamp_IsTheEpochAlignedWindowStart(long timestamp, long start)
    {
        Assert.Equal(start, Clock().StartOf(timestamp));
    }

    [Fact]
    public void IsTooLate_HostWithoutEventTime_AcceptsAnyWindow()
    {
        Assert.False(Clock().IsTooLate(end: 10_000, closedUpTo: long.MinValue, eventTime: HostWindowClock.NoEventTime));
    }

    [Theory]
    [InlineData(11_999, false)]
    [InlineData(12_000, true)]
    public void IsTooLate_HostClockAtTheEndOfTheGrace_RefusesTheWindow(long eventTime, bool tooLate)
    {
        Assert.Equal(tooLate, Clock().IsTooLate(end: 10_000, closedUpTo: long.MinValue, eventTime));
    }

    [Fact]
    public void IsTooLate_WindowEmittedAlready_RefusesItWhateverTheClock()
    {
        Assert.True(Clock().IsTooLate(end: 10_000, closedUpTo: 10_000, eventTime: 5_000));
    }

    [Theory]
    [InlineData(9_999, false)]
    [InlineData(10_000, true)]
    public void IsLate_HostClockAtTheWindowEnd_MarksTheDataLate(long eventTime, bool late)
    {
        Assert.Equal(late, HostWindowClock.IsLate(end: 10_000, eventTime));
    }

    [Fact]
    public void Closes_WindowEndAtTheCloseTime_ClosesOnlyOnceTheGraceHasPassed()
    {
        var clock = Clock();

        Assert.False(clock.Closes(0, clock.CloseTime(11_999)));
        Assert.True(clock.Closes(0, clock.CloseTime(12_000)));
    }

    [Fact]
    public void KeyOf_Starts_SortAsTextInTimeOrder()
    {
        string[] keys = [HostWindowClock.KeyOf(100_000), HostWindowClock.KeyOf(20_000), HostWindowClock.KeyOf(1_700_000_000_000)];

        Assert.Equal(["000000000020000", "000000000100000", "001700000000000"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IsSilent_HostsByTheirOwnLastArrival_OnlyTheQuietOneIsSilent()
    {
        var clock = Clock();
        clock.Arrived("quiet", 0);
        clock.Arrived("busy", 50_000);

        Assert.True(clock.IsSilent("quiet", 60_000));
        Assert.False(clock.IsSilent("busy", 60_000));
        Assert.False(clock.IsSilent("unknown", 60_000));
        Assert.Equal(["quiet"], clock.SilentHosts(60_000));
    }

    [Fact]
    public void Forget_SilentHost_IsNotSilentUntilItArrivesAgain()
    {
        var clock = Clock();
        clock.Arrived("host", 0);

        clock.Forget("host");

        Assert.Empty(clock.SilentHosts(120_000));
        clock.Arrived("host", 120_000);
        Assert.True(clock.IsSilent("host", 180_000));
    }
}
