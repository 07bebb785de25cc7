namespace Streams.Platform.Kafka.Status;

/// <summary>
/// Turns record lag into time lag without reading a record: it remembers, partition by
/// partition, when the end offset passed each value, so the first record a group has not
/// processed was written about when the end offset first went past the group's committed
/// offset (Burrow's and kminion's approach, from end-offset history). A group whose committed
/// offset is older than the history kept is at least as far behind as that history is long.
/// </summary>
public sealed class TimeLagEstimator(TimeSpan history)
{
    private readonly Dictionary<(string Topic, int Partition), List<(DateTimeOffset At, long End)>> _ends = [];

    /// <summary>Records the end offsets of <paramref name="lag"/>'s topic seen at <paramref name="now"/>.</summary>
    public void Observe(TopicLag lag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lag);
        foreach (var partition in lag.Partitions)
        {
            if (!_ends.TryGetValue((lag.Topic, partition.Partition), out var ends))
            {
                ends = [];
                _ends.Add((lag.Topic, partition.Partition), ends);
            }

            if (ends.Count == 0 || ends[^1].End != partition.EndOffset)
            {
                ends.Add((now, partition.EndOffset));
            }

            // Keep one sample older than the span, so an offset written just inside it still has a time.
            while (ends.Count > 2 && now - ends[1].At > history)
            {
                ends.RemoveAt(0);
            }
        }
    }

    /// <summary>How long ago the oldest record the group has not processed was written, the most over the topic's partitions; zero when it is caught up.</summary>
    public TimeSpan Behind(TopicLag lag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lag);
        var behind = TimeSpan.Zero;
        foreach (var partition in lag.Partitions)
        {
            if (partition.Lag == 0 || !_ends.TryGetValue((lag.Topic, partition.Partition), out var ends) || ends.Count == 0)
            {
                continue;
            }

            // The first time the end offset was past the committed one: the unprocessed record was written by then.
            var written = ends[0].At;
            foreach (var (at, end) in ends)
            {
                if (end > partition.Committed)
                {
                    written = at;
                    break;
                }
            }

            var partitionBehind = now - written;
            behind = partitionBehind > behind ? partitionBehind : behind;
        }

        return behind;
    }
}
