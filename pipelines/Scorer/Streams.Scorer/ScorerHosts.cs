using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// The body of <c>GET /scorer/hosts</c>: which hosts the scorer of this process scores and which
/// are still learning, and what covers each (<see cref="ScorerCoverage"/>).
/// </summary>
public sealed record ScorerHosts(IReadOnlyList<string> Learning, IReadOnlyList<string> Scoring, int AnnouncedModels, long WindowsScored, long Anomalies)
{
    public const string Path = "/scorer/hosts";

    /// <summary>Every host this scorer has seen, sorted; empty from a scorer older than coverage.</summary>
    public IReadOnlyList<ScorerCoverage> Coverage { get; init; } = [];
}

/// <summary>
/// What covers one host: <c>learning</c>, <c>change-only</c>, <c>fleet-prior</c>, <c>provisional</c>,
/// <c>own-model</c> or <c>announced</c>; its model's version and when it was trained (none
/// before its own model); when its next model is due (none for an announced one).
/// </summary>
public sealed record ScorerCoverage(string Host, string CoveredBy, string? ModelVersion, DateTimeOffset? TrainedAt, DateTimeOffset? NextRetrainAt)
{
    public static ScorerCoverage Of(HostCoverage coverage) =>
        new(coverage.Host, HostCoverage.Name(coverage.Phase), coverage.ModelVersion, coverage.TrainedAt, coverage.NextRetrainAt);
}
