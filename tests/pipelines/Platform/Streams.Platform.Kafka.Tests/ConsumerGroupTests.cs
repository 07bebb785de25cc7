using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Streams.Platform.Kafka.Tests;

public sealed class ConsumerGroupTests
{
    private static readonly string[] MemberNames = ["a", "b"];

    [Fact]
    public async Task TwoMembersOfOneGroup_SplitThePartitionsAndTogetherReadEveryRecordOnce()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic("shared", 4);
        const int Records = 400;
        using (var producer = new ProducerBuilder<string, int>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < Records; i++)
            {
                producer.Produce("shared", new Message<string, int> { Key = $"host-{i}", Value = i });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var seen = new ConcurrentDictionary<int, string>();
        var assignments = new ConcurrentDictionary<string, List<int>>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var members = MemberNames.Select(name => Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, int>(new ConsumerConfig
            {
                BootstrapServers = kafka.BootstrapServers,
                GroupId = "pair",
                ClientId = name,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 500,
            }).Build();
            consumer.Subscribe("shared");
            while (seen.Count < Records && !stop.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
                {
                    Assert.True(seen.TryAdd(result.Message.Value, name), $"record {result.Message.Value} read twice");
                }

                assignments[name] = consumer.Assignment.Select(p => p.Partition.Value).ToList();
            }

            consumer.Close();
        })).ToArray();
        await Task.WhenAll(members);

        Assert.Equal(Records, seen.Count);
        Assert.Equal(2, assignments.Count);
        Assert.All(assignments.Values, a => Assert.NotEmpty(a));
        Assert.Empty(assignments["a"].Intersect(assignments["b"]));
        Assert.Equal(2, seen.Values.Distinct().Count());
    }
}
