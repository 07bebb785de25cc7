using Confluent.Kafka;
using Streams.Schemas.Topics;
using static Streams.Platform.Kafka.Tests.Journal.DurableClusterTests;

namespace Streams.Platform.Kafka.Tests.Journal;

public sealed class JournalCompactionTests
{
    [Fact]
    public void CompactedTopic_KeepsTheLastRecordPerKeyAtItsOffsetAndShrinksTheJournal()
    {
        const string Changelog = "app-store-changelog";
        using var folder = new JournalFolder();
        List<(int Partition, long Offset, string Key, string Value)> produced = [];
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Changelog, 1);
            for (var round = 0; round < 10; round++)
            {
                produced.AddRange(Produce(kafka, round * 7, 7, Changelog));
            }
        }

        var before = folder.Segments().Sum(f => new FileInfo(f).Length);
        var latest = produced.GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Offset)).OrderBy(r => r.Offset).ToList();
        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        Assert.Equal(latest, ReadAll(again, latest.Count, Changelog));
        Assert.True(folder.Segments().Sum(f => new FileInfo(f).Length) < before / 2, "the journal did not shrink");
        var next = Assert.Single(Produce(again, 1000, 1, Changelog));
        Assert.Equal(produced.Count, next.Offset);
    }

    [Fact]
    public void CompactedTopicBeyondTheBrokersMemory_EveryKeysLastRecordIsReadableAfterARestart()
    {
        // A rule or a model written once, then megabytes of other keys' updates (a fleet's
        // self-trained models): the broker keeps ~5 MiB of a partition, so a replay of the raw
        // journal would start after the key written once, which then no longer exists.
        const string Changelog = "busy-store-changelog";
        using var folder = new JournalFolder();
        var options = folder.Options;
        options.JournalCompactionShare = 2;
        var busy = new string('x', 4096);
        using (var kafka = EmbeddedKafkaCluster.Start(options))
        {
            kafka.CreateTopic(Changelog, 1);
            using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 5 }).Build();
            producer.Produce(Changelog, new Message<string, string> { Key = "written-once", Value = "kept" });
            for (var i = 0; i < 1600; i++)
            {
                producer.Produce(Changelog, new Message<string, string> { Key = $"busy-{i % 3}", Value = busy + i });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        using var again = EmbeddedKafkaCluster.Start(options);
        var read = ReadAll(again, 4, Changelog);

        Assert.Equal([(0L, "written-once", "kept"), (1598L, "busy-1", busy + 1597), (1599L, "busy-2", busy + 1598), (1600L, "busy-0", busy + 1599)],
            read.Select(r => (r.Offset, r.Key, r.Value)));
    }

    [Fact]
    public void CompactionWhileRunning_KeepsAppendingAndRestartsWithTheLastRecordPerKey()
    {
        const string Changelog = "live-store-changelog";
        using var folder = new JournalFolder();
        List<(int Partition, long Offset, string Key, string Value)> produced = [];
        List<(int Partition, long Offset, string Key, string Value)> after;
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Changelog, 1);
            for (var round = 0; round < 10; round++)
            {
                produced.AddRange(Produce(kafka, round * 7, 7, Changelog));
            }

            Assert.True(kafka.CompactJournal());
            // Appends after the compaction land in the new generation, and a group commit with them.
            after = Produce(kafka, 70, 3, Changelog);
            using var consumer = Consumer(kafka, "after-compaction");
            consumer.Commit([new TopicPartitionOffset(Changelog, 0, 5)]);
        }

        Assert.Single(Directory.GetDirectories(folder.Path));
        // What the compaction kept, then what came after it (too little to be worth compacting again at start).
        var expected = produced.GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Offset)).Concat(after).OrderBy(r => r.Offset).ToList();
        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        Assert.Equal(expected, ReadAll(again, expected.Count, Changelog));
        using var resumed = Consumer(again, "after-compaction");
        Assert.Equal(5, resumed.Committed([new TopicPartition(Changelog, 0)], TimeSpan.FromSeconds(10))[0].Offset.Value);
        Assert.Equal(produced.Count + after.Count, Assert.Single(Produce(again, 1000, 1, Changelog)).Offset);
    }

    [Fact]
    public async Task Retention_DropsRecordsOlderThanTheCatalogueSaysAndKeepsTheOthersAtTheirOffsets()
    {
        var topic = TopicCatalogue.Alerts;
        using var folder = new JournalFolder();
        var recent = new List<(long Offset, string Value)>();
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(topic.Name, 1);
            using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
            var old = DateTime.UtcNow - topic.Retention!.Value - TimeSpan.FromDays(1);
            for (var i = 0; i < 20; i++)
            {
                var stale = i < 15;
                var result = await producer.ProduceAsync(topic.Name, new Message<string, string>
                {
                    Key = "k",
                    Value = $"v{i}",
                    Timestamp = new Timestamp(stale ? old : DateTime.UtcNow),
                });
                if (!stale)
                {
                    recent.Add((result.Offset.Value, result.Message.Value));
                }
            }
        }

        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        Assert.Equal(recent, ReadAll(again, recent.Count, topic.Name).Select(r => (r.Offset, r.Value)));
        Assert.Equal(20, Assert.Single(Produce(again, 100, 1, topic.Name)).Offset);
    }
}
