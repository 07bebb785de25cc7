using System.Collections.Concurrent;
using Streams.Scoring.Learning;

namespace Streams.Topology.Scoring;

/// <summary>
/// What the scorer's stream threads are doing, for gauges, logs and `streams status`: what covers
/// each host (<see cref="HostCoverage"/>: learning with nothing to judge it, change-only, fleet
/// prior, provisional, scoring with its own mature model, or announced) and how many windows were scored. Thread-safe; one instance per scorer, shared by its tasks.
/// </summary>
/// <param name="observer">Told of every window scored.</param>
/// <param name="oversized">Told of every model too large to store or ship whole (<see cref="ScoreOptions.MaxRecordBytes"/>), to log it.</param>
public sealed class ScorerStatus(Action<ScoredWindow>? observer = null, Action<OversizedModel>? oversized = null)
{
    private readonly ConcurrentDictionary<string, HostCoverage> phases = new(StringComparer.Ordinal);
    private long windowsScored;
    private long anomalies;
    private long oversizedModels;

    public int LearningHosts => Count(HostPhase.Learning);

    /// <summary>Hosts scored in any phase: provisional, own mature model or announced.</summary>
    public int ScoringHosts => phases.Count(h => h.Value.Phase != HostPhase.Learning);

    public long WindowsScored => Interlocked.Read(ref windowsScored);

    public long Anomalies => Interlocked.Read(ref anomalies);

    /// <summary>Models trained here whose records exceeded <see cref="ScoreOptions.MaxRecordBytes"/>: kept in memory only, published without their artifact.</summary>
    public long OversizedModels => Interlocked.Read(ref oversizedModels);

    /// <summary>Hosts in <paramref name="phase"/>.</summary>
    public int Count(HostPhase phase) => phases.Count(h => h.Value.Phase == phase);

    /// <summary>The hosts in one phase, sorted: scored ones (true: any phase but learning) or those still learning (false).</summary>
    public IReadOnlyList<string> Hosts(bool scored) =>
        [.. phases.Where(h => (h.Value.Phase != HostPhase.Learning) == scored).Select(h => h.Key).Order(StringComparer.Ordinal)];

    /// <summary>Whether the host is scored (true), learning (false), or not seen (null).</summary>
    public bool? IsScoring(string host) => phases.TryGetValue(host, out var value) ? value.Phase != HostPhase.Learning : null;

    /// <summary>The host's phase, or null when it was not seen.</summary>
    public HostPhase? PhaseOf(string host) => phases.TryGetValue(host, out var value) ? value.Phase : null;

    /// <summary>What covers every host seen, sorted by host.</summary>
    public IReadOnlyList<HostCoverage> Coverage() => [.. phases.Values.OrderBy(c => c.Host, StringComparer.Ordinal)];

    /// <summary>What covers the host, or null when it was not seen.</summary>
    public HostCoverage? CoverageOf(string host) => phases.TryGetValue(host, out var value) ? value : null;

    // Written only when it changed: a dictionary write allocates, and this runs once per window.
    internal void Cover(HostCoverage coverage)
    {
        if (!phases.TryGetValue(coverage.Host, out var current) || current != coverage)
        {
            phases[coverage.Host] = coverage;
        }
    }

    internal void Oversized(OversizedModel model)
    {
        Interlocked.Increment(ref oversizedModels);
        oversized?.Invoke(model);
    }

    internal void Scored(ScoredWindow window)
    {
        Interlocked.Increment(ref windowsScored);
        if (window.IsAnomaly)
        {
            Interlocked.Increment(ref anomalies);
        }

        observer?.Invoke(window);
    }
}
