using Streams.Schemas.Topics;

namespace Streams.Collectors.Publishing.Backoff;

/// <summary>
/// When the collectors of a process stop sending to <c>metrics.raw</c> and spool instead: bound
/// from <c>Collectors:Backoff</c>. The embedded broker keeps only ~5 MiB per partition and drops
/// what a lagging consumer has not read yet; a collector's spool (256 MiB by default) holds far
/// more, on disk, and is sent once the processor has caught up.
/// </summary>
public sealed class BackoffOptions
{
    public const string SectionName = "Collectors:Backoff";

    /// <summary>False: always send, whatever the lag.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Hold back once the processor trails <see cref="Topic"/> by more than this many records
    /// (summed over partitions, as <c>streams status</c> shows). 24,000 is 24 s of a 10,000-server
    /// fleet's batches (one per host every 10 s), about 2,000 batches or 1–3 MB a partition: well
    /// under the embedded broker's ~5 MiB a partition, so nothing is dropped unread before collectors react.
    /// </summary>
    public long MaxLagRecords { get; set; } = 24_000;

    /// <summary>Send again once the lag is at or under this; 0 means half of <see cref="MaxLagRecords"/>. Below the bound, so senders do not flap at it.</summary>
    public long ResumeLagRecords { get; set; }

    public int CheckIntervalSeconds { get; set; } = 5;

    /// <summary>The processor's consumer group: its application id (<c>Processor:ApplicationId</c>).</summary>
    public string ProcessorGroup { get; set; } = "streams-processor";

    public string Topic { get; set; } = TopicCatalogue.MetricsRaw.Name;

    internal long ResumeAt => ResumeLagRecords > 0 ? ResumeLagRecords : MaxLagRecords / 2;

    internal void Validate()
    {
        if (MaxLagRecords < 1 || ResumeLagRecords < 0 || ResumeLagRecords >= MaxLagRecords || CheckIntervalSeconds < 1)
        {
            throw new InvalidOperationException(
                $"{SectionName}: MaxLagRecords ({MaxLagRecords}) must be positive, ResumeLagRecords ({ResumeLagRecords}) 0 or under it, CheckIntervalSeconds ({CheckIntervalSeconds}) at least 1.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ProcessorGroup, $"{SectionName}:ProcessorGroup");
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic, $"{SectionName}:Topic");
    }
}
