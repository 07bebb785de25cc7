using System.IO.Hashing;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// The values of a partition's last records, by a 64-bit hash: a record whose value equals one
/// of them is a stage's replay after a crash (a Streamiz stage runs at least once, so what it had
/// produced since its last commit comes again, byte for byte, a few records later). A 64-bit hash
/// over at most a few thousand values makes a false match (a new record dropped) about 10^-15 likely.
/// </summary>
internal sealed class RecentRecords(int capacity)
{
    private readonly ulong[] ring = new ulong[capacity];
    private readonly Dictionary<ulong, int> counts = [];
    private int next;
    private int filled;

    /// <summary>True when an equal value is among the last <c>capacity</c> remembered; else remembers it.</summary>
    public bool Repeats(ReadOnlySpan<byte> value)
    {
        var hash = XxHash3.HashToUInt64(value);
        if (counts.ContainsKey(hash))
        {
            return true;
        }

        Remember(hash);
        return false;
    }

    private void Remember(ulong hash)
    {
        if (filled == ring.Length)
        {
            var oldest = ring[next];
            if (--counts[oldest] == 0)
            {
                counts.Remove(oldest);
            }
        }
        else
        {
            filled++;
        }

        ring[next] = hash;
        counts[hash] = counts.GetValueOrDefault(hash) + 1;
        next = (next + 1) % ring.Length;
    }
}
