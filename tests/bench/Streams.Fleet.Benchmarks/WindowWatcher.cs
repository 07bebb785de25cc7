using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Fleet.Benchmarks;

/// <summary>
/// Reads <c>metrics.windows</c> as a consumer of its own (from the end, joining no role's group)
/// and keeps, per 10 s window that closed (end + the processor's grace) after <see cref="From"/>,
/// how long after its close it arrived here.
/// </summary>
internal sealed class WindowWatcher : IDisposable
{
    private readonly ConcurrentQueue<double> lateMs = new();
    private readonly CancellationTokenSource stop = new();
    private readonly IConsumer<Ignore, byte[]> consumer;
    private readonly AvroWireDeserializer<MetricWindow> windows;
    private readonly TimeSpan grace;
    private readonly Thread thread;
    private long records;

    public WindowWatcher(string bootstrapServers, ISchemaRegistryClient registry, TimeSpan grace)
    {
        this.grace = grace;
        windows = new AvroWireDeserializer<MetricWindow>(registry);
        consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "fleet-bench-windows-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Latest,
            EnableAutoCommit = false,
            // The embedded broker answers an empty fetch only after fetch.wait.max.ms: keep this reader's own error small.
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Subscribe(TopicCatalogue.MetricsWindows.Name);
        thread = new Thread(Run) { IsBackground = true, Name = "window-watcher" };
        thread.Start();
    }

    /// <summary>Windows that closed before this are not measured (the warm-up).</summary>
    public DateTime From { get; set; } = DateTime.MaxValue;

    public long Records => Interlocked.Read(ref records);

    public IReadOnlyList<double> LateMs => [.. lateMs];

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        consumer.Close();
        consumer.Dispose();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { Message.Value: { } value } result)
            {
                continue;
            }

            var now = DateTime.UtcNow;
            Interlocked.Increment(ref records);
            var window = windows.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, result.Topic));
            var closed = window.window.end + grace;
            if (window.windowSizeMs == 10_000 && closed >= From)
            {
                lateMs.Enqueue((now - closed).TotalMilliseconds);
            }
        }
    }
}
