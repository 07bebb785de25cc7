using Streams.Host.Status;

namespace Streams.Host.Tests.Status;

public sealed class DataLossLinesTests
{
    [Fact]
    public void Parse_PrometheusText_GivesEachPartitionWithLostRecordsAndSkipsTheOthers()
    {
        const string Metrics = """
            # TYPE streams_kafka_data_loss_total counter
            streams_kafka_data_loss_total{otel_scope_name="Streams.Platform.Kafka",partition="3",topic="metrics.raw"} 1200 1733500000000
            streams_kafka_data_loss_total{otel_scope_name="Streams.Platform.Kafka",partition="0",topic="logs.raw"} 0 1733500000000
            streams_publisher_spooled_total{otel_scope_name="Streams.Collectors.Publishing"} 5 1733500000000
            """;

        var losses = DataLossLines.Parse(Metrics);

        Assert.Equal([("metrics.raw", "3", 1200L)], losses);
    }
}
