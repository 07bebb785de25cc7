using Confluent.Kafka;

namespace Streams.Collectors.Publishing;

/// <summary>
/// Producer and spool settings of one publisher; bound from the <c>Publishing</c> sub-section of
/// a role's section (<c>Collector:Publishing</c>, <c>Logs:Publishing</c>).
/// </summary>
public sealed class PublishingOptions
{
    /// <summary>Directory of the spool's segment files; one directory per publisher.</summary>
    public string SpoolPath { get; set; } = "";

    /// <summary>Bound of the spool on disk; beyond it the oldest segment is dropped (counted and logged).</summary>
    public long SpoolMaxBytes { get; set; } = 256L << 20;

    /// <summary>Size at which a segment is closed and a new one started; the unit of drop-oldest.</summary>
    public long SegmentBytes { get; set; } = 8L << 20;

    /// <summary>
    /// How often the active segment is fsync'ed. Every append is written to the kernel at once, so a
    /// killed process loses nothing; only a power cut loses at most this interval.
    /// </summary>
    public int FsyncIntervalMs { get; set; } = 1_000;

    /// <summary>Records handed to the producer and not yet acknowledged; the rest waits on disk.</summary>
    public int MaxInFlight { get; set; } = 20_000;

    public int LingerMs { get; set; } = 50;

    public int BatchSizeBytes { get; set; } = 1 << 20;

    public CompressionType Compression { get; set; } = CompressionType.Lz4;

    /// <summary>After this long without an acknowledgement a record counts as failed and is re-sent from the spool.</summary>
    public int MessageTimeoutMs { get; set; } = 30_000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SpoolPath))
        {
            throw new InvalidOperationException("Publishing:SpoolPath must name a directory for the on-disk spool.");
        }

        if (SegmentBytes < 4096 || SpoolMaxBytes < 2 * SegmentBytes)
        {
            throw new InvalidOperationException(
                $"Publishing:SegmentBytes ({SegmentBytes}) must be at least 4096 and Publishing:SpoolMaxBytes ({SpoolMaxBytes}) at least two segments.");
        }

        if (MaxInFlight < 1 || FsyncIntervalMs < 0 || MessageTimeoutMs < 1)
        {
            throw new InvalidOperationException("Publishing:MaxInFlight and Publishing:MessageTimeoutMs must be positive, Publishing:FsyncIntervalMs not negative.");
        }
    }
}
