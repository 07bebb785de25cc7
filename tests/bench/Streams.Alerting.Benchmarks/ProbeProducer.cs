using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streams.Schemas.Serdes;
using Streams.Schemas.Topics;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// Produces the measured anomalies at a steady rate, like the scorer would (acks=all,
/// idempotent), but with linger.ms 0 so the harness adds no batching delay of its own; each
/// record is serialized before the clock starts.
/// </summary>
internal sealed class ProbeProducer : IDisposable
{
    private readonly IProducer<string, byte[]> producer;
    private readonly AvroWireSerializer<Anomaly> serializer;

    public ProbeProducer(string bootstrapServers, ISchemaRegistryClient registry)
    {
        serializer = new AvroWireSerializer<Anomaly>(registry);
        producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 0,
        }).Build();
    }

    /// <summary>Produces one probe now; the returned task ends with its delivery report.</summary>
    public Task SendAsync(Probe probe, Severity severity = Severity.WARNING)
    {
        var value = serializer.Serialize(Probe.Anomaly(probe.Host, severity, DateTime.UtcNow), new SerializationContext(MessageComponentType.Value, TopicCatalogue.Anomalies.Name));
        probe.BeforeWall = DateTime.UtcNow;
        probe.Before = Stopwatch.GetTimestamp();
        return Deliver(probe, producer.ProduceAsync(TopicCatalogue.Anomalies.Name, new Message<string, byte[]> { Key = probe.Host, Value = value }));
    }

    /// <summary>Sends <paramref name="probes"/> at <paramref name="perSecond"/>, each on its own schedule, so a slow delivery does not slow the rate.</summary>
    public async Task SendAtRateAsync(IReadOnlyList<Probe> probes, double perSecond)
    {
        var start = Stopwatch.GetTimestamp();
        var deliveries = new List<Task>(probes.Count);
        for (var i = 0; i < probes.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            deliveries.Add(SendAsync(probes[i]));
        }

        await Task.WhenAll(deliveries);
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }

    private static async Task Deliver(Probe probe, Task<DeliveryResult<string, byte[]>> produced)
    {
        try
        {
            await produced;
            probe.Delivered = Stopwatch.GetTimestamp();
        }
        catch (ProduceException<string, byte[]>)
        {
            probe.Delivered = -1;
        }
    }
}
