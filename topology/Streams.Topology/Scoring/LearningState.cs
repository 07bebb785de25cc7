namespace Streams.Topology.Scoring;

/// <summary>
/// The scorer's stored state of one host: how many warm-up windows it has buffered and, once it
/// trained its own detector, that detector's artifact bytes, so a restart resumes scoring
/// instead of learning again.
/// </summary>
internal sealed record LearningState(int Buffered, string? Version, byte[]? Model);
