using Confluent.Kafka;

namespace Streams.Platform.Kafka.Tests.Journal;

public sealed class DurableClusterTests
{
    private const string Topic = "durable";

    [Fact]
    public void Restart_GivesBackEveryRecordAtItsOffset()
    {
        using var folder = new JournalFolder();
        List<(int Partition, long Offset, string Key, string Value)> produced;
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Topic, 3);
            produced = Produce(kafka, 0, 300);
        }

        using (var again = EmbeddedKafkaCluster.Start(folder.Options))
        {
            Assert.Equal(3, again.Topics[Topic]);
            Assert.Equal(produced.OrderBy(r => (r.Partition, r.Offset)), ReadAll(again, produced.Count));

            // New records continue the numbering where the journal ended.
            var more = Produce(again, 300, 30);
            Assert.All(more, r => Assert.True(r.Offset >= produced.Where(p => p.Partition == r.Partition).Select(p => p.Offset + 1).DefaultIfEmpty(0).Max()));
        }
    }

    [Fact]
    public void AcknowledgedRecord_IsInTheJournalFileBeforeTheProducerHearsOfIt()
    {
        using var folder = new JournalFolder();
        using var copy = new JournalFolder();
        using var kafka = EmbeddedKafkaCluster.Start(folder.Options);
        kafka.CreateTopic(Topic, 1);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, Acks = Acks.All }).Build();
        producer.Produce(Topic, new Message<string, string> { Key = "k", Value = "acknowledged" }, report =>
        {
            // What a kill -9 at the moment of the acknowledgement would leave on disk.
            Assert.Equal(ErrorCode.NoError, report.Error.Code);
            CopyFolder(folder.Path, copy.Path);
        });
        producer.Flush(TimeSpan.FromSeconds(10));

        using var restored = EmbeddedKafkaCluster.Start(copy.Options);
        var record = Assert.Single(ReadAll(restored, 1));
        Assert.Equal((0, 0L, "k", "acknowledged"), record);
    }

    [Fact]
    public void ConsumerGroup_ResumesAfterRestartWhereItCommitted()
    {
        using var folder = new JournalFolder();
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Topic, 1);
            Produce(kafka, 0, 100);
            using var consumer = Consumer(kafka, "resuming");
            consumer.Subscribe(Topic);
            for (var read = 0; read < 40;)
            {
                if (consumer.Consume(TimeSpan.FromSeconds(1)) is { } result)
                {
                    read++;
                    consumer.Commit(result);
                }
            }

            consumer.Close();
        }

        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        using var resumed = Consumer(again, "resuming");
        resumed.Subscribe(Topic);
        var first = ConsumeOne(resumed);
        Assert.Equal(40, first.Offset.Value);
        Assert.Equal("value-40", first.Message.Value);
        resumed.Close();
    }

    [Fact]
    public void TornTail_IsCutWithTheStartSucceeding()
    {
        using var folder = new JournalFolder();
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Topic, 1);
            Produce(kafka, 0, 20);
        }

        var segment = folder.Segments()[^1];
        var goodLength = new FileInfo(segment).Length;
        // Half an entry: a plausible length and checksum, then the process died.
        File.AppendAllBytes(segment, [200, 0, 0, 0, 1, 2, 3, 4, 2, 0]);
        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        Assert.Equal(20, ReadAll(again, 20).Count);
        Assert.Equal(goodLength, new FileInfo(segment).Length);
    }

    [Fact]
    public void CorruptEntryInTheMiddle_IsCutThereAndTheRecordsBeforeItComeBack()
    {
        using var folder = new JournalFolder();
        List<(int Partition, long Offset, string Key, string Value)> produced;
        using (var kafka = EmbeddedKafkaCluster.Start(folder.Options))
        {
            kafka.CreateTopic(Topic, 1);
            produced = [];
            for (var i = 0; i < 10; i++)
            {
                // One batch (one journal entry) per record.
                produced.AddRange(Produce(kafka, i, 1));
            }
        }

        var segment = folder.Segments()[^1];
        var bytes = File.ReadAllBytes(segment);
        var fifthValue = IndexOf(bytes, "value-5"u8);
        bytes[fifthValue] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);

        using var again = EmbeddedKafkaCluster.Start(folder.Options);
        Assert.Equal(produced.Take(5), ReadAll(again, 5));
        Assert.True(new FileInfo(segment).Length < fifthValue);
    }

    [Fact]
    public void SecondBrokerOnTheSameJournal_IsRefusedWithAClearMessage()
    {
        using var folder = new JournalFolder();
        using var first = EmbeddedKafkaCluster.Start(folder.Options);
        var refused = Assert.Throws<InvalidOperationException>(() => EmbeddedKafkaCluster.Start(folder.Options));
        Assert.Contains("Kafka:Embedded:JournalPath", refused.Message, StringComparison.Ordinal);
    }

    internal static List<(int Partition, long Offset, string Key, string Value)> Produce(EmbeddedKafkaCluster kafka, int from, int count, string topic = Topic)
    {
        var produced = new List<(int, long, string, string)>();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true, LingerMs = 5 }).Build();
        for (var i = from; i < from + count; i++)
        {
            producer.Produce(topic, new Message<string, string> { Key = $"key-{i % 7}", Value = $"value-{i}" }, report =>
            {
                Assert.Equal(ErrorCode.NoError, report.Error.Code);
                lock (produced)
                {
                    produced.Add((report.Partition.Value, report.Offset.Value, report.Message.Key, report.Message.Value));
                }
            });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        return produced;
    }

    internal static List<(int Partition, long Offset, string Key, string Value)> ReadAll(EmbeddedKafkaCluster kafka, int expected, string topic = Topic)
    {
        using var consumer = Consumer(kafka, "reader-" + Guid.NewGuid().ToString("N"));
        consumer.Assign(Enumerable.Range(0, kafka.Topics[topic]).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var read = new List<(int, long, string, string)>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (read.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                read.Add((result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
            }
        }

        // Nothing more than expected arrives.
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(500)));
        return [.. read.OrderBy(r => r.Item1).ThenBy(r => r.Item2)];
    }

    internal static IConsumer<string, string> Consumer(EmbeddedKafkaCluster kafka, string group) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        }).Build();

    private static ConsumeResult<string, string> ConsumeOne(IConsumer<string, string> consumer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                return result;
            }
        }

        throw new TimeoutException("No record arrived.");
    }

    private static void CopyFolder(string from, string to)
    {
        // The lock file is held by the running broker; a killed process's lock is released by the OS.
        foreach (var file in Directory.GetFiles(from, "*.log", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> pattern) => bytes.AsSpan().IndexOf(pattern);
}
