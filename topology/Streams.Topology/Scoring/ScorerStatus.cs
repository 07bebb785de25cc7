using System.Collections.Concurrent;

namespace Streams.Topology.Scoring;

/// <summary>
/// What the scorer's stream threads are doing, for gauges and logs: which hosts are still
/// learning (no model yet, windows being buffered) and which are scored, and how many windows
/// were scored. Thread-safe; one instance per scorer, shared by its tasks.
/// </summary>
public sealed class ScorerStatus(Action<ScoredWindow>? observer = null)
{
    private readonly ConcurrentDictionary<string, bool> scoring = new(StringComparer.Ordinal);
    private long windowsScored;
    private long anomalies;

    public int LearningHosts => scoring.Count(h => !h.Value);

    public int ScoringHosts => scoring.Count(h => h.Value);

    public long WindowsScored => Interlocked.Read(ref windowsScored);

    public long Anomalies => Interlocked.Read(ref anomalies);

    /// <summary>The hosts in one phase, sorted: scored ones (true) or those still learning (false).</summary>
    public IReadOnlyList<string> Hosts(bool scored) =>
        [.. scoring.Where(h => h.Value == scored).Select(h => h.Key).Order(StringComparer.Ordinal)];

    /// <summary>Whether the host is scored (true), learning (false), or not seen (null).</summary>
    public bool? IsScoring(string host) => scoring.TryGetValue(host, out var value) ? value : null;

    internal void Learning(string host) => scoring[host] = false;

    internal void Scored(ScoredWindow window)
    {
        scoring[window.Host] = true;
        Interlocked.Increment(ref windowsScored);
        if (window.IsAnomaly)
        {
            Interlocked.Increment(ref anomalies);
        }

        observer?.Invoke(window);
    }
}
