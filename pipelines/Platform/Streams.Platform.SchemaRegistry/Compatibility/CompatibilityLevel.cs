namespace Streams.Platform.SchemaRegistry.Compatibility;

/// <summary>Confluent's compatibility levels; the names on the wire are the upper-case member names.</summary>
internal enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
