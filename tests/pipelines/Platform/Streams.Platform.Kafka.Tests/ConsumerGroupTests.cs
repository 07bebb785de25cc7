using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Streams.Platform.Kafka.Tests;

public sealed class ConsumerGroupTests
{
    private static readonly string[] MemberNames = ["a", "b"];

    [Fact]
    public async Task TwoMembersOfOneGroup_SplitThePartitionsAndReadEveryRecordWithNoCommittedOneRedelivered()
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
        var uncommitted = new ConcurrentDictionary<int, string>();
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
                // Committing each record before the next poll means a rebalance hands the new owner
                // exactly the records not committed: any other duplicate is the broker's fault.
                EnableAutoCommit = false,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 500,
            }).Build();
            consumer.Subscribe("shared");
            // Poll on until both members hold partitions: under load one may read everything first.
            while ((seen.Count < Records || assignments.Count < 2 || assignments.Values.Any(a => a.Count == 0)) && !stop.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
                {
                    var value = result.Message.Value;
                    Assert.True(seen.TryAdd(value, name) || uncommitted.ContainsKey(value), $"record {value} read twice although its offset was committed");
                    try
                    {
                        consumer.Commit(result);
                    }
                    catch (KafkaException ex) when (ex.Error.Code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId)
                    {
                        // The partition moved before the commit: its new owner re-reads this record, as at-least-once promises.
                        uncommitted.TryAdd(value, name);
                    }
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
        Assert.Equal(4, assignments["a"].Count + assignments["b"].Count);
    }
}
