namespace Streams.Evaluation.Metrics;

/// <summary>
/// SMD interpretation HitRate@P% (Su et al., KDD 2019; computed as TranAD's code does): at each
/// labelled point, the share of the ground-truth metrics found among the top ⌊P%·|truth|⌋
/// metrics ranked by contribution, averaged over points. Accumulates, so machines add up.
/// </summary>
internal sealed class HitRate(double percent)
{
    private double _sum;

    public double Percent { get; } = percent > 0 ? percent : throw new ArgumentOutOfRangeException(nameof(percent), "The percentage must be positive.");

    public long Points { get; private set; }

    public double Value => Points == 0 ? 0 : _sum / Points;

    public void Add(ReadOnlySpan<double> contributions, IReadOnlyList<int> truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Count == 0)
        {
            return;
        }

        var size = (int)Math.Floor(Percent / 100 * truth.Count);
        var values = contributions.ToArray();
        var ranked = Enumerable.Range(0, values.Length).OrderByDescending(d => values[d]).ThenBy(d => d).Take(size).ToHashSet();
        _sum += (double)truth.Count(ranked.Contains) / truth.Count;
        Points++;
    }

    public void Add(HitRate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _sum += other._sum;
        Points += other.Points;
    }
}
