using Streams.Scoring.HostDetection;

namespace Streams.Topology.Scoring;

/// <summary>
/// A host being scored: its scorer (series history and minimum-duration counter), the model it
/// scores with, and buffers in the detector's feature order. In memory only: after a restart the
/// series warm up again over their first windows (9 with the default history).
/// </summary>
internal sealed class LiveHost
{
    private Dictionary<string, int> index = [];

    public LiveHost(HostModel model, bool announced)
    {
        Scorer = new HostScorer(model.Detector);
        Model = model;
        Announced = announced;
        Reindex();
    }

    public HostScorer Scorer { get; private set; }

    public HostModel Model { get; private set; }

    /// <summary>Whether the model came from the models topic (true) or the scorer's own warm-up (false).</summary>
    public bool Announced { get; private set; }

    /// <summary>Consecutive windows over the threshold, up to and including the last one.</summary>
    public int Run { get; set; }

    public double[] Features { get; private set; } = [];

    public bool[] Present { get; private set; } = [];

    public double[] Expected { get; private set; } = [];

    /// <summary>
    /// Swaps in the next model between two windows. Same features: the scorer keeps its series
    /// history, so the next window is scored at once. Other features: a fresh scorer, whose
    /// series warm up again (the PCA part scores from the first window).
    /// </summary>
    public void Swap(HostModel next, bool announced)
    {
        if (next.Detector.FeatureNames.Count == Model.Detector.FeatureNames.Count)
        {
            Scorer.Swap(next.Detector);
        }
        else
        {
            Scorer = new HostScorer(next.Detector);
            Run = 0;
        }

        Model = next;
        Announced = announced;
        Reindex();
    }

    /// <summary>Lays the window's values out in the detector's order; features the window lacks are absent.</summary>
    public void Align(IList<string> names, IList<double> values, IList<bool> present)
    {
        Array.Clear(Features);
        Array.Clear(Present);
        for (var d = 0; d < names.Count; d++)
        {
            if (index.TryGetValue(names[d], out var i) && (present.Count == 0 || present[d]) && double.IsFinite(values[d]))
            {
                Features[i] = values[d];
                Present[i] = true;
            }
        }
    }

    private void Reindex()
    {
        var names = Model.Detector.FeatureNames;
        index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        Features = new double[names.Count];
        Present = new bool[names.Count];
        Expected = new double[names.Count];
    }
}
