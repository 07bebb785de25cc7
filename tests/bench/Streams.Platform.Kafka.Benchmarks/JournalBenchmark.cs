using System.Diagnostics;
using Confluent.Kafka;
using Streams.Platform.Kafka;

/// <summary>
/// Produce throughput through the embedded broker with its journal against without it, in one run,
/// the journal's bytes per record, and the start-up time on the journal written.
/// </summary>
internal static class JournalBenchmark
{
    private const int Rounds = 3;

    /// <param name="messages">Records per throughput run.</param>
    /// <param name="startupMessages">Records in the journal whose start-up time is measured.</param>
    public static void Run(int messages, int startupMessages)
    {
        var folder = Path.Combine(Path.GetTempPath(), "streams-journal-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A warm-up, then runs alternating so that neither side gets the JIT or a quiet machine alone.
            Produce(new EmbeddedKafkaOptions { Port = 0 }, Math.Min(messages, 200_000));
            double without = 0, with = 0;
            long bytes = 0;
            for (var round = 0; round < Rounds; round++)
            {
                without += Produce(new EmbeddedKafkaOptions { Port = 0 }, messages) / Rounds;
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                with += Produce(new EmbeddedKafkaOptions { Port = 0, JournalPath = folder, JournalCompactionCheckMs = 0 }, messages) / Rounds;
                bytes = Directory.GetFiles(folder, "*.log", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            }

            Console.WriteLine($"produce without journal: {without:N0} msg/s (mean of {Rounds} runs of {messages:N0})");
            Console.WriteLine($"produce with journal:    {with:N0} msg/s (ratio {with / without:F2})");
            Console.WriteLine($"journal: {bytes:N0} bytes, {(double)bytes / messages:F1} bytes per sample");
            if (startupMessages != messages)
            {
                Directory.Delete(folder, recursive: true);
                Produce(new EmbeddedKafkaOptions { Port = 0, JournalPath = folder, JournalCompactionCheckMs = 0 }, startupMessages);
                bytes = Directory.GetFiles(folder, "*.log", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            }

            var clock = Stopwatch.StartNew();
            using (EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0, JournalPath = folder, JournalCompactionCheckMs = 0 }))
            {
                Console.WriteLine($"start-up on a {bytes / (1 << 20):N0} MiB journal ({startupMessages:N0} records): {clock.ElapsedMilliseconds} ms");
            }

            clock.Restart();
            using (EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0, JournalPath = folder + "-empty" }))
            {
                Console.WriteLine($"start-up on an empty journal: {clock.ElapsedMilliseconds} ms");
            }
        }
        finally
        {
            foreach (var path in new[] { folder, folder + "-empty" }.Where(Directory.Exists))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static double Produce(EmbeddedKafkaOptions options, int messages)
    {
        using var kafka = EmbeddedKafkaCluster.Start(options);
        kafka.CreateTopic("bench.journal", 12);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
            BatchSize = 1 << 20,
        }).Build();
        var value = new byte[100];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce("bench.journal", new Message<string, byte[]> { Key = $"host-{i % 1000:D5}", Value = value });
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return messages / clock.Elapsed.TotalSeconds;
    }
}
