namespace Streams.Topology.Scoring;

/// <summary>
/// A model the scorer trained whose records exceed the producers' message size: <paramref name="Bytes"/>
/// the larger of its changelog entry and its <c>self/</c> record, <paramref name="Limit"/> <see cref="ScoreOptions.MaxRecordBytes"/>;
/// <paramref name="Features"/> the host's features, what makes a model large.
/// </summary>
public sealed record OversizedModel(string Host, string Version, int Features, long Bytes, long Limit);
