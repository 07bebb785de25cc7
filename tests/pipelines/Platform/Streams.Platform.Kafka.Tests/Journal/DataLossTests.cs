using Confluent.Kafka;
using Streams.Platform.Kafka.Journal;

namespace Streams.Platform.Kafka.Tests.Journal;

public sealed class DataLossTests
{
    [Fact]
    public void ConsumerBehindTheBrokersMemory_IsReportedAsDataLoss()
    {
        const string Topic = "overflowing";
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic(Topic, 1);
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 5 }).Build())
        {
            // 8 MiB into one partition: the broker keeps only the last ~5 MiB of it.
            var value = new byte[64 << 10];
            for (var i = 0; i < 128; i++)
            {
                producer.Produce(Topic, new Message<Null, byte[]> { Value = value });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        }

        using var consumer = new ConsumerBuilder<Null, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "lagging",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(Topic, 0, 0));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Lost() == 0 && DateTime.UtcNow < deadline)
        {
            consumer.Consume(TimeSpan.FromMilliseconds(200));
        }

        Assert.InRange(Lost(), 1, 127);
    }

    private static long Lost() => KafkaDataLoss.Snapshot.GetValueOrDefault(("overflowing", 0));
}
