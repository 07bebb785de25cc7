namespace Streams.Host.Tests;

/// <summary>
/// Test classes that start the embedded platform, in this process or as a child <c>streams up</c>.
/// chDB opens one data directory per process, and a whole platform beside other tests on 2 cores
/// starts slowly enough to time out, so they run one after another and alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmbeddedPlatformGroup
{
    public const string Name = "embedded platform";
}
