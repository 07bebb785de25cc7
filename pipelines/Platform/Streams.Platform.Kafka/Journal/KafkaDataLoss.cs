using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Records lost to the embedded broker's in-memory limit: a consumer asked for an offset the
/// broker no longer holds (it keeps ~5 MiB per partition). Counted in
/// <c>streams.kafka.data_loss</c> (Prometheus: <c>streams_kafka_data_loss_total</c>) per topic and partition.
/// </summary>
public static class KafkaDataLoss
{
    public const string MeterName = "Streams.Platform.Kafka";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Lost = Meter.CreateCounter<long>("streams.kafka.data_loss", "{record}", "Records a consumer skipped because the embedded broker had already dropped them from memory.");
    private static readonly ConcurrentDictionary<(string Topic, int Partition), long> Totals = new();

    /// <summary>Records lost so far in this process, per topic and partition.</summary>
    public static IReadOnlyDictionary<(string Topic, int Partition), long> Snapshot => Totals;

    internal static void Report(string topic, int partition, long records)
    {
        Totals.AddOrUpdate((topic, partition), records, (_, total) => total + records);
        Lost.Add(records, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("partition", partition));
    }
}
