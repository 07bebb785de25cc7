using Confluent.Kafka;
using Streams.Platform.Kafka.Status;

namespace Streams.Platform.Kafka.Tests.Status;

public sealed class ConsumerLagReaderTests
{
    [Fact]
    public void Read_GroupCommittedPartOfATopic_PartitionLagsAndTheirSumAndMaximum()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic("lagging", 2);
        kafka.CreateTopic("untouched", 1);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(new TopicPartition("lagging", i % 2), new Message<Null, string> { Value = $"m{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using (var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "slow-stage", EnableAutoCommit = false }).Build())
        {
            consumer.Commit([new TopicPartitionOffset("lagging", 0, 3)]);
        }

        using var reader = new ConsumerLagReader(kafka.BootstrapServers);

        var lag = reader.Read("slow-stage", "lagging");
        var all = reader.ReadAll("slow-stage");

        Assert.NotNull(lag);
        Assert.Equal([new PartitionLag(0, 5, 3), new PartitionLag(1, 5, 0)], lag.Partitions);
        Assert.Equal((7L, 5L), (lag.Records, lag.MaxPartitionRecords));
        Assert.Equal(["lagging"], all.Select(l => l.Topic));
        Assert.Null(reader.Read("slow-stage", "untouched"));
        Assert.Null(reader.Read("never-started", "lagging"));
    }
}
