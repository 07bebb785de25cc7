namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// How a source unit maps onto the canonical unit of metrics.clean: multiply by <see cref="Factor"/>.
/// <see cref="RateUnit"/> is the unit a counter in this unit becomes once turned into a per-second rate.
/// </summary>
internal sealed record CanonicalUnit(string Unit, double Factor, string RateUnit, bool NonNegative)
{
    public bool IsRatio => Unit == Units.Ratio;
}
