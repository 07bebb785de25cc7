using Streams.Topology.State;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>Settings of <see cref="NormalizeMetrics"/>.</summary>
public sealed class NormalizeOptions
{
    /// <summary>Samples stamped later than now plus this are rejected (clock skew on the host).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Samples older than this are rejected; replays of older data need a larger value.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Up to this many missed intervals are forward-filled; a longer silence gets one gap marker.</summary>
    public int MaxForwardFill { get; set; } = 3;

    /// <summary>Weight of a new value in the running statistics once warmed up.</summary>
    public double StatsAlpha { get; set; } = 0.05;

    /// <summary>Values further than this many standard deviations from the running mean are winsorised.</summary>
    public double StatsWinsorK { get; set; } = 3;

    /// <summary>Number of values averaged plainly before winsorising starts.</summary>
    public int StatsWarmUp { get; set; } = 10;

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    internal void Validate()
    {
        if (MaxFutureSkew < TimeSpan.Zero || MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"NormalizeOptions: MaxFutureSkew must be >= 0 and MaxAge > 0 (got {MaxFutureSkew}, {MaxAge}).");
        }

        if (MaxForwardFill < 0 || StatsWarmUp < 1 || StatsAlpha is <= 0 or >= 1 || StatsWinsorK <= 0)
        {
            throw new ArgumentException(
                $"NormalizeOptions: MaxForwardFill >= 0, StatsWarmUp >= 1, 0 < StatsAlpha < 1 and StatsWinsorK > 0 are required (got {MaxForwardFill}, {StatsWarmUp}, {StatsAlpha}, {StatsWinsorK}).");
        }
    }
}
