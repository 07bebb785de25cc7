namespace Streams.Collectors.Simulator.Cli;

/// <summary>
/// Where a run's simulated time starts when <c>--start</c> is not given. Faster than real time,
/// a run that started now would send samples from the future, and normalize dead-letters those
/// more than a few minutes ahead (<c>timestamp-in-future</c>): at <c>--speedup 20</c> for 90 s,
/// 80 % of the run. So the run is placed in the recent past instead, so that its samples are
/// never ahead of the clock and its last ones are sent at about the moment they describe.
/// </summary>
internal static class SimulatedStart
{
    /// <param name="now">The wall-clock time the run starts.</param>
    /// <param name="span">The simulated time the run covers.</param>
    /// <param name="wall">How long the run takes on the wall clock; zero when it runs as fast as it can.</param>
    /// <param name="interval">The collection interval, which the start is aligned to.</param>
    public static DateTimeOffset Default(DateTimeOffset now, TimeSpan span, TimeSpan wall, TimeSpan interval)
    {
        var ahead = span > wall ? span - wall : TimeSpan.Zero;
        return RoundDown(now - ahead, interval);
    }

    private static DateTimeOffset RoundDown(DateTimeOffset time, TimeSpan interval) =>
        interval > TimeSpan.Zero ? new DateTimeOffset(time.UtcTicks - (time.UtcTicks % interval.Ticks), TimeSpan.Zero) : time;
}
