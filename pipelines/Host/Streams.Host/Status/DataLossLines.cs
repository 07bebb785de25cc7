namespace Streams.Host.Status;

/// <summary>The embedded broker's data-loss counter (<c>streams_kafka_data_loss_total</c>) read from the host's Prometheus text.</summary>
internal static class DataLossLines
{
    public static List<(string Topic, string Partition, long Lost)> Parse(string metrics) =>
        [.. ExpositionLines.Read(metrics, "streams_kafka_data_loss_total")
            .Where(s => s.Value > 0)
            .Select(s => (s.Labels.GetValueOrDefault("topic", "?"), s.Labels.GetValueOrDefault("partition", "?"), (long)s.Value))];
}
