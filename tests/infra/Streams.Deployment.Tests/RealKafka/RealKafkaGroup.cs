namespace Streams.Deployment.Tests.RealKafka;

/// <summary>The tests that share one Kafka broker and one ClickHouse server in Docker.</summary>
[CollectionDefinition(Name)]
public sealed class RealKafkaGroup : ICollectionFixture<RealKafkaPlatform>
{
    public const string Name = "real Kafka";
}
