using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Streams.Collectors.Publishing;

/// <summary>The publisher's counters, exported through the host's OpenTelemetry meter provider.</summary>
internal static class PublishingMetrics
{
    public const string MeterName = "Streams.Collectors.Publishing";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Spans of records entering Kafka: where a sample's trace starts.</summary>
    public static readonly ActivitySource Tracing = new(MeterName);

    public static readonly Counter<long> Spooled = Meter.CreateCounter<long>("streams.publisher.spooled", "{record}", "Records appended to the on-disk spool.");

    public static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>("streams.publisher.acknowledged", "{record}", "Records Kafka acknowledged.");

    public static readonly Counter<long> SpoolDropped = Meter.CreateCounter<long>("streams.publisher.spool.dropped", "{record}", "Unacknowledged records dropped because the spool reached its bound.");

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("streams.publisher.rejected", "{record}", "Records Kafka refused for good (too large, invalid); dropped and logged.");
}
