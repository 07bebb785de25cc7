using Streams.Scoring.Change;
using Streams.Scoring.Learning;

namespace Streams.Scoring.Fleet;

/// <summary>
/// Judges one host before its own model exists: from its first windows, a change detector with
/// one short span (the host against its own last <see cref="ColdStartOptions.ChangeSpan"/>
/// windows) and, when its group has enough trained hosts, the <see cref="FleetPrior"/> on levels.
/// Needs no training; one instance per host; not thread-safe.
/// </summary>
public sealed class ColdStartScorer
{
    private readonly ColdStartOptions options;
    private readonly ChangeOptions change;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private readonly List<double> scales = [];
    private double[] scaleArray = [];
    private ChangeState? state;
    private double[] features = [];
    private bool[] present = [];
    private double[] ratios = [];
    private int levelRun;

    public ColdStartScorer(ColdStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        change = new ChangeOptions { Spans = [options.ChangeSpan], Floors = [options.ChangeFloor], Tops = [1] };
    }

    /// <summary>The features seen so far, in the order <see cref="Ratios"/> and <see cref="Values"/> follow.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>Each feature's ratio in the last window (the larger of its change and level ratios; over 1 is over the threshold).</summary>
    public ReadOnlySpan<double> Ratios => ratios;

    /// <summary>Each feature's value in the last window.</summary>
    public ReadOnlySpan<double> Values => features;

    /// <summary>Whether each feature had a value in the last window.</summary>
    public ReadOnlySpan<bool> Present => present;

    /// <summary>Windows scored so far; the change detector judges from the one after its span.</summary>
    public long Windows { get; private set; }

    /// <summary>Consecutive windows over the threshold, up to and including the last one.</summary>
    public int Run { get; private set; }

    /// <summary>
    /// Scores the host's next window and says what judged it: the rule the live scorer and the
    /// evaluation replay share. The fleet prior judges from the first window it exists; without
    /// one the change detector judges once its span is full, and before that the verdict is null
    /// (the host is only learning).
    /// </summary>
    public (ColdStartScore? Verdict, HostPhase Phase) Judge(IList<string> windowNames, IList<double> values, IList<bool> mask, FleetPrior? prior)
    {
        var score = Score(windowNames, values, mask, prior);
        var phase = prior is not null ? HostPhase.FleetPrior : Windows > options.ChangeSpan ? HostPhase.ChangeOnly : HostPhase.Learning;
        return (phase == HostPhase.Learning ? null : score, phase);
    }

    /// <summary>Scores the host's next window, judged on levels by <paramref name="prior"/> when there is one.</summary>
    public ColdStartScore Score(IList<string> windowNames, IList<double> values, IList<bool> mask, FleetPrior? prior)
    {
        ArgumentNullException.ThrowIfNull(windowNames);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(mask);
        Align(windowNames, values, mask, prior);
        Windows++;
        var current = state!;
        Span<double> raw = stackalloc double[1];
        current.Next(features, present, scaleArray, raw);
        var deviations = current.Deviations;
        var changeRatio = double.IsNaN(raw[0]) ? 0 : raw[0] / options.ChangeThreshold;
        var levelRatio = 0.0;
        for (var d = 0; d < names.Count; d++)
        {
            var level = prior is not null && present[d] ? prior.Ratio(names[d], features[d]) : 0;
            levelRatio = Math.Max(levelRatio, level);
            ratios[d] = Math.Max(deviations[d] / options.ChangeThreshold, level);
        }

        levelRun = levelRatio > ColdStartScore.Threshold ? levelRun + 1 : 0;
        var score = Math.Max(changeRatio, levelRatio);
        Run = score > ColdStartScore.Threshold ? Run + 1 : 0;
        var anomalous = changeRatio > ColdStartScore.Threshold || levelRun >= options.PriorMinDuration;
        return new ColdStartScore(score, anomalous, prior is null ? ColdStartJudge.ChangeOnly : ColdStartJudge.FleetPrior);
    }

    // A feature first seen now gets a column; the change state starts again, because its spans
    // cannot take a new metric mid-way (rare: a host's layout grows when a series appears).
    private void Align(IList<string> windowNames, IList<double> values, IList<bool> mask, FleetPrior? prior)
    {
        var grown = false;
        for (var d = 0; d < windowNames.Count; d++)
        {
            if (!index.ContainsKey(windowNames[d]))
            {
                index[windowNames[d]] = names.Count;
                names.Add(windowNames[d]);
                var value = d < values.Count && double.IsFinite(values[d]) ? values[d] : 0;
                scales.Add(prior?.Scale(windowNames[d]) ?? Math.Max(Math.Abs(value), 1.0));
                grown = true;
            }
        }

        if (grown || state is null)
        {
            state = new ChangeState(change, names.Count);
            features = new double[names.Count];
            present = new bool[names.Count];
            ratios = new double[names.Count];
            scaleArray = [.. scales];
        }

        Array.Clear(present);
        for (var d = 0; d < windowNames.Count; d++)
        {
            var i = index[windowNames[d]];
            if (d < values.Count && (mask.Count == 0 || mask[d]) && double.IsFinite(values[d]))
            {
                features[i] = values[d];
                present[i] = true;
            }
        }
    }
}
