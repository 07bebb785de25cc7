namespace Streams.System.Tests;

/// <summary>
/// Each test here runs a whole platform and every role as processes; two at once on a 2-core
/// machine start too slowly to say anything, so they run one after the other.
/// </summary>
[CollectionDefinition(nameof(SystemGroup), DisableParallelization = true)]
public sealed class SystemGroup;
