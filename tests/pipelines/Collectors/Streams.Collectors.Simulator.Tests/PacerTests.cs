using Microsoft.Extensions.Time.Testing;
using Streams.Collectors.Publishing.Backoff;
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
    public async Task WaitAsync_HeldBack_NothingIsDueUntilReleasedAndTheRunFallsBehindByTheHold()
    {
        var clock = new FakeTimeProvider();
        var gate = new Gate { HoldBack = true };
        var pacer = new Pacer(speedup: 1, eventsPerSecond: 0, clock, gate);

        var waiting = pacer.WaitAsync(TimeSpan.Zero, 0, CancellationToken.None).AsTask();
        await AdvanceAsync(clock, TimeSpan.FromSeconds(5), () => waiting.IsCompleted);
        var completedWhileHeld = waiting.IsCompleted;
        gate.HoldBack = false;
        await AdvanceAsync(clock, TimeSpan.FromSeconds(5), () => waiting.IsCompleted);

        Assert.False(completedWhileHeld, "an event was due while the back-pressure held back");
        Assert.True(waiting.IsCompleted, "still waiting after the back-pressure let go");
        Assert.InRange(await waiting, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Constructor_NegativeSpeedup_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pacer(-1, 0));

    // The pacer re-arms its delay after each poll on another thread: advance in poll-sized steps, letting it.
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan span, Func<bool> done)
    {
        for (var advanced = TimeSpan.Zero; advanced < span && !done(); advanced += TimeSpan.FromMilliseconds(250))
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }
    }

    private sealed class Gate : IBackpressure
    {
        private volatile bool _held;

        public bool HoldBack
        {
            get => _held;
            set => _held = value;
        }
    }
}
