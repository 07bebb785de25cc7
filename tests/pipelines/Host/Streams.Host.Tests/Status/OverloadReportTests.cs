using Streams.Host.Status;
using Streams.Platform.Kafka.Status;

namespace Streams.Host.Tests.Status;

public sealed class OverloadReportTests
{
    private const string Metrics = """
        # TYPE streams_consumer_lag_seconds gauge
        streams_consumer_lag_seconds{group="streams-processor",otel_scope_name="Streams.Platform.Kafka.Lag",topic="metrics.raw"} 95.5 1733500000000
        streams_consumer_lag_seconds{group="streams-scorer",otel_scope_name="Streams.Platform.Kafka.Lag",topic="metrics.windows"} 3 1733500000000
        streams_collector_backoff{otel_scope_name="Streams.Collectors.Backoff"} 1 1733500000000
        streams_collector_backoff_lag{otel_scope_name="Streams.Collectors.Backoff"} 273816 1733500000000
        streams_deadletter_records_total{otel_scope_name="Streams.Topology",reason="unknown-unit",stage="normalize"} 12 1733500000000
        streams_deadletter_records_total{otel_scope_name="Streams.Topology",reason="out-of-range",stage="normalize"} 3 1733500000000
        streams_deadletter_records_total{otel_scope_name="Streams.Topology",reason="malformed-input",stage="prometheus-remote-write"} 1 1733500000000
        """;

    [Fact]
    public void Lines_StageBehindCollectorsHoldingBackAndDeadLetters_SaysEachWithItsFigures()
    {
        GroupLag[] lags = [new("streams-processor", "metrics.raw", 1_000, 273_816), new("streams-scorer", "metrics.windows", 50, 12)];

        var lines = OverloadReport.Lines(lags, Metrics);

        Assert.Equal(
        [
            "behind: streams-processor on metrics.raw by 273,816 records / 96 s",
            "holding back: the processor trails metrics.raw by 273,816 records, over Collectors:Backoff:MaxLagRecords; collectors keep new records in their spools",
            "dead-lettered since this process started: 16 (normalize 15, prometheus-remote-write 1); streams deadletter counts has every reason",
        ], lines);
    }

    [Fact]
    public void Lines_NoMetricsAndNoLag_NothingToSay() =>
        Assert.Empty(OverloadReport.Lines([new GroupLag("streams-processor", "metrics.raw", 1_000, 0)], null));

    [Fact]
    public void SecondsBehind_GaugeLines_ByGroupAndTopic() =>
        Assert.Equal(95.5, OverloadReport.SecondsBehind(Metrics)[("streams-processor", "metrics.raw")]);
}
