using System.Diagnostics;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Tests;

public sealed class PacerTests
{
    [Fact]
    public async Task WaitAsync_AtSpeedup_WaitsForTheSimulatedOffset()
    {
        var pacer = new Pacer(speedup: 10, eventsPerSecond: 0);
        var clock = Stopwatch.StartNew();

        var behind = await pacer.WaitAsync(TimeSpan.FromSeconds(3), 0, CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(2));
        Assert.True(behind < TimeSpan.FromMilliseconds(100), $"behind {behind}");
    }

    [Fact]
    public async Task WaitAsync_RateSlowerThanSchedule_ReportsHowFarBehind()
    {
        var pacer = new Pacer(speedup: 1000, eventsPerSecond: 1_000);

        var behind = await pacer.WaitAsync(TimeSpan.FromSeconds(1), 400, CancellationToken.None);

        // Due by schedule after 1 ms, by rate after 400 ms.
        Assert.InRange(behind, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WaitAsync_Unpaced_ReturnsAtOnce()
    {
        var pacer = new Pacer(0, 0);
        var clock = Stopwatch.StartNew();

        Assert.Equal(TimeSpan.Zero, await pacer.WaitAsync(TimeSpan.FromDays(1), long.MaxValue / 2, CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Constructor_NegativeSpeedup_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pacer(-1, 0));
}
