namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// Tells a stream thread that stopped polling Kafka. A healthy Streamiz thread polls every
/// <c>PollMs</c> when idle and after each buffered batch under load, so its <c>poll-total</c>
/// count only stands still when the thread is stuck. Streamiz 1.8.2 has such a case: a commit
/// refused while partitions are revoked (a rebalance, a fenced member) throws out of its
/// rebalance listener before it clears <c>RebalanceInProgress</c>, and the thread then sleeps in
/// its loop for good without polling, while its consumer keeps the group's partitions.
/// </summary>
internal sealed class StreamThreadWatch(TimeSpan stallAfter)
{
    private readonly Dictionary<string, (double Polls, DateTimeOffset Since)> threads = [];

    /// <summary>The first thread whose poll count has not moved for longer than the stall time, or null.</summary>
    /// <param name="polls">Each thread's poll count now; a thread not listed is forgotten (it ended, or its sensors are not there yet).</param>
    public string? Stalled(IReadOnlyDictionary<string, double> polls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(polls);
        foreach (var gone in threads.Keys.Where(t => !polls.ContainsKey(t)).ToList())
        {
            threads.Remove(gone);
        }

        string? stalled = null;
        foreach (var (thread, count) in polls)
        {
            if (!threads.TryGetValue(thread, out var last) || count != last.Polls)
            {
                threads[thread] = (count, now);
            }
            else if (now - last.Since > stallAfter)
            {
                stalled ??= thread;
            }
        }

        return stalled;
    }
}
