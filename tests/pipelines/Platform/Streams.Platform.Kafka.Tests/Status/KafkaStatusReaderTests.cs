using Confluent.Kafka;
using Streams.Platform.Kafka.Status;

namespace Streams.Platform.Kafka.Tests.Status;

public sealed class KafkaStatusReaderTests
{
    [Fact]
    public void Read_GroupCommittedPartOfATopic_ReportsEndOffsetsAndTheRemainingLag()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic("lagging", 2);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                producer.Produce(new TopicPartition("lagging", i % 2), new Message<Null, string> { Value = $"m{i}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using (var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "slow-sink", EnableAutoCommit = false }).Build())
        {
            // Partition 0 read to offset 3, partition 1 never read.
            consumer.Commit([new TopicPartitionOffset("lagging", 0, 3)]);
        }

        var status = KafkaStatusReader.Read(kafka.BootstrapServers, ["slow-sink"], t => t == "lagging");

        Assert.Equal(1, status.Brokers);
        var topic = Assert.Single(status.Topics);
        Assert.Equal(new TopicStatus("lagging", 2, 10, 10), topic);
        var lag = Assert.Single(status.Lags);
        Assert.Equal(new GroupLag("slow-sink", "lagging", 3, 7), lag);
    }

    [Fact]
    public void Read_NoBroker_ThrowsKafkaException()
    {
        Assert.ThrowsAny<KafkaException>(() => KafkaStatusReader.Read("127.0.0.1:1", []));
    }
}
