using Microsoft.Extensions.Time.Testing;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Tests;

public sealed class PacerTests
{
    [Fact]
    public async Task WaitAsync_AtSpeedup_WaitsForTheSimulatedOffset()
    {
        var clock = new FakeTimeProvider();
        var pacer = new Pacer(speedup: 10, eventsPerSecond: 0, clock);

        var waiting = pacer.WaitAsync(TimeSpan.FromSeconds(3), 0, CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(waiting.IsCompleted, "returned before 3 simulated seconds at 10x had passed");
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.Zero, await waiting);
        Assert.Equal(TimeSpan.FromMilliseconds(300), pacer.Elapsed);
    }

    [Fact]
    public async Task WaitAsync_RateSlowerThanSchedule_ReportsHowFarBehind()
    {
        var clock = new FakeTimeProvider();
        var pacer = new Pacer(speedup: 1000, eventsPerSecond: 1_000, clock);

        var waiting = pacer.WaitAsync(TimeSpan.FromSeconds(1), 400, CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(400));

        // Due by schedule after 1 ms, by rate after 400 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(399), await waiting);
    }

    [Fact]
    public async Task WaitAsync_Unpaced_ReturnsAtOnce()
    {
        var pacer = new Pacer(0, 0, new FakeTimeProvider());

        var waiting = pacer.WaitAsync(TimeSpan.FromDays(1), long.MaxValue / 2, CancellationToken.None).AsTask();

        Assert.True(waiting.IsCompletedSuccessfully, "an unpaced run waited");
        Assert.Equal(TimeSpan.Zero, await waiting);
    }

    [Fact]
    public void Constructor_NegativeSpeedup_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pacer(-1, 0));
}
