namespace Streams.Scorer;

/// <summary>The body of <c>GET /scorer/hosts</c>: which hosts the scorer of this process scores and which are still learning.</summary>
public sealed record ScorerHosts(IReadOnlyList<string> Learning, IReadOnlyList<string> Scoring, int AnnouncedModels, long WindowsScored, long Anomalies)
{
    public const string Path = "/scorer/hosts";
}
