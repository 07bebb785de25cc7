namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// Running mean and variance of a series that a spike cannot poison: an exponentially weighted
/// mean and variance whose updates are winsorised, i.e. a value further than
/// <c>k</c> standard deviations from the mean counts as if it were at k. During warm-up (the
/// first <c>warmUp</c> values) the mean and variance are the plain ones, so the limits start
/// from data rather than from zero.
/// </summary>
internal readonly record struct RobustStats(long Count, double Mean, double Variance, long Winsorised)
{
    public double StdDev => Math.Sqrt(Variance);

    public RobustStats Update(double value, double alpha, double k, int warmUp)
    {
        if (Count < warmUp)
        {
            // Welford's update: exact mean and population variance of the warm-up values.
            var n = Count + 1;
            var delta = value - Mean;
            var mean = Mean + (delta / n);
            var variance = ((Variance * Count) + (delta * (value - mean))) / n;
            return new RobustStats(n, mean, variance, Winsorised);
        }

        // A flat series has no spread; a floor relative to the level keeps the first change from
        // being clamped to nothing.
        var spread = Math.Max(StdDev, Math.Max(Math.Abs(Mean) * 1e-3, 1e-9));
        var low = Mean - (k * spread);
        var high = Mean + (k * spread);
        var clamped = Math.Clamp(value, low, high);
        var diff = clamped - Mean;
        var nextMean = Mean + (alpha * diff);
        var nextVariance = (1 - alpha) * (Variance + (alpha * diff * diff));
        return new RobustStats(Count + 1, nextMean, nextVariance, Winsorised + (clamped == value ? 0 : 1));
    }
}
