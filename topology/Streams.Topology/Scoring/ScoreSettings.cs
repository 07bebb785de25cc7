namespace Streams.Topology.Scoring;

/// <summary>What each <see cref="ScoreTransformer"/> instance gets: the options and the shared registries and status.</summary>
internal sealed record ScoreSettings(ScoreOptions Options, ModelRegistry Models, FleetModels Fleet, ScorerStatus Status, TimeProvider Time);
