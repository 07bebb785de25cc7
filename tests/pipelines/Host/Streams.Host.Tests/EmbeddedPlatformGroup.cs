namespace Streams.Host.Tests;

/// <summary>
/// Test classes that start the embedded platform in this process. chDB opens one data directory
/// per process, so they run one after another rather than in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmbeddedPlatformGroup
{
    public const string Name = "embedded platform";
}
