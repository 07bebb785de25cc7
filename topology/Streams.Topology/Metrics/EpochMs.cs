namespace Streams.Topology.Metrics;

/// <summary>Avro timestamp-millis fields are DateTime in the generated classes; topologies compute in UTC milliseconds.</summary>
internal static class EpochMs
{
    public static long Of(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToDateTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
