using Streams.Scoring.Learning;

namespace Streams.Topology.Scoring;

/// <summary>
/// The scorer's stored state of one host: where it is in its retraining schedule and, once it
/// trained its own detector, that detector's artifact bytes, so a restart or a rebalance (the
/// store is logged) resumes scoring and learning instead of starting again.
/// </summary>
internal sealed record LearningState(LearningProgress Progress, string? Version, byte[]? Model);
