namespace Streams.Sinks.ClickHouse.Tests;

/// <summary>Test classes sharing one embedded platform; chDB allows one data directory per process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SinkPlatformGroup : ICollectionFixture<SinkPlatformFixture>
{
    public const string Name = "sink platform";
}
