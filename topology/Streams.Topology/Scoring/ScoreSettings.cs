namespace Streams.Topology.Scoring;

/// <summary>What each <see cref="ScoreTransformer"/> instance gets: the options and the shared registry and status.</summary>
internal sealed record ScoreSettings(ScoreOptions Options, ModelRegistry Models, ScorerStatus Status, TimeProvider Time);
