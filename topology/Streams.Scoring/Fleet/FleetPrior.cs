namespace Streams.Scoring.Fleet;

/// <summary>
/// What the trained hosts of a group say a feature's level may be: the union of their training
/// ranges, widened by <see cref="ColdStartOptions.PriorMargin"/> of its width. A new host is
/// judged on levels by it until its own model exists. Only features that at least
/// <see cref="ColdStartOptions.PriorPeers"/> peers had are judged. Immutable.
/// </summary>
public sealed class FleetPrior
{
    private readonly Dictionary<string, (double Middle, double HalfWidth)> bounds;

    private FleetPrior(Dictionary<string, (double Middle, double HalfWidth)> bounds, int peers)
    {
        this.bounds = bounds;
        Peers = peers;
    }

    /// <summary>Trained hosts the prior pools.</summary>
    public int Peers { get; }

    /// <summary>Features the prior judges.</summary>
    public int Features => bounds.Count;

    /// <summary>The prior of <paramref name="peers"/>' training ranges, or null when no feature has enough peers.</summary>
    public static FleetPrior? Of(IEnumerable<IReadOnlyList<FeatureRange>> peers, ColdStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(options);
        var pooled = new Dictionary<string, (double Low, double High, int Peers)>(StringComparer.Ordinal);
        var count = 0;
        foreach (var ranges in peers)
        {
            count++;
            foreach (var range in ranges)
            {
                pooled[range.Name] = pooled.TryGetValue(range.Name, out var p)
                    ? (Math.Min(p.Low, range.Low), Math.Max(p.High, range.High), p.Peers + 1)
                    : (range.Low, range.High, 1);
            }
        }

        var bounds = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var (name, (low, high, n)) in pooled)
        {
            if (n < options.PriorPeers || !double.IsFinite(low) || !double.IsFinite(high))
            {
                continue;
            }

            // A feature every peer held flat still gets a width: its floor share of its magnitude.
            var width = Math.Max(high - low, options.ChangeFloor * Math.Max(Math.Max(Math.Abs(low), Math.Abs(high)), 1.0));
            bounds[name] = ((low + high) / 2, (width / 2) + (options.PriorMargin * width));
        }

        return bounds.Count == 0 ? null : new FleetPrior(bounds, count);
    }

    /// <summary>The width of the fleet's range of <paramref name="name"/> (widened), or null when the prior does not judge it: the change detector's scale.</summary>
    public double? Scale(string name) => bounds.TryGetValue(name, out var b) ? 2 * b.HalfWidth : null;

    /// <summary>The middle of the fleet's range of <paramref name="name"/>: what the prior expects.</summary>
    public double? Expected(string name) => bounds.TryGetValue(name, out var b) ? b.Middle : null;

    /// <summary>
    /// How far the value of <paramref name="name"/> is from the middle of the fleet's range, in
    /// half-widths of the widened range: over 1 is outside anything the group showed. 0 for a feature the prior does not judge.
    /// </summary>
    public double Ratio(string name, double value) =>
        bounds.TryGetValue(name, out var b) && double.IsFinite(value) ? Math.Abs(value - b.Middle) / b.HalfWidth : 0;
}
