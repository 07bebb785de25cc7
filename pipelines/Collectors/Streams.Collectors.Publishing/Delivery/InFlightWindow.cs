using Streams.Collectors.Publishing.Spool;

namespace Streams.Collectors.Publishing.Delivery;

/// <summary>
/// Records handed to the producer, in spool order, with their delivery outcome. Delivery
/// reports arrive per partition, so out of spool order; the spool's acknowledged position only
/// moves over the unbroken run of acknowledged records at the head.
/// </summary>
internal sealed class InFlightWindow(int capacity)
{
    private const int Pending = 0;
    private const int Delivered = 1;
    private const int Failed = 2;

    private readonly SpoolCursor[] _ends = new SpoolCursor[capacity];
    private readonly int[] _states = new int[capacity];
    private long _head;
    private long _next;
    private int _unresolved;
    private int _generation;
    private volatile bool _failed;

    public int Count => (int)(_next - Volatile.Read(ref _head));

    public bool IsFull => Count >= capacity;

    /// <summary>True once a record failed: the window must settle and the spool be re-read from its acknowledged position.</summary>
    public bool HasFailed => _failed;

    public bool IsSettled => Volatile.Read(ref _unresolved) == 0;

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Registers the next produced record; returns its sequence number.</summary>
    public long Add(SpoolCursor end)
    {
        var sequence = _next;
        var slot = (int)(sequence % capacity);
        _ends[slot] = end;
        Volatile.Write(ref _states[slot], Pending);
        Interlocked.Increment(ref _unresolved);
        _next = sequence + 1;
        return sequence;
    }

    /// <summary>Takes back the record just added: the producer did not accept it.</summary>
    public void RemoveLast()
    {
        _next--;
        Interlocked.Decrement(ref _unresolved);
    }

    /// <summary>Forces a rewind, when the producer refused a record for a reason that may pass.</summary>
    public void MarkFailed() => _failed = true;

    /// <summary>Called from the producer's delivery thread.</summary>
    public void Complete(int generation, long sequence, bool delivered)
    {
        if (generation != Generation)
        {
            return;
        }

        Volatile.Write(ref _states[(int)(sequence % capacity)], delivered ? Delivered : Failed);
        if (!delivered)
        {
            _failed = true;
        }

        Interlocked.Decrement(ref _unresolved);
    }

    /// <summary>Hands the ends of the delivered records at the head, in order, to <paramref name="acknowledge"/>.</summary>
    public int DrainDelivered(Action<SpoolCursor> acknowledge)
    {
        var drained = 0;
        while (_head < _next)
        {
            var slot = (int)(_head % capacity);
            if (Volatile.Read(ref _states[slot]) != Delivered)
            {
                break;
            }

            acknowledge(_ends[slot]);
            Volatile.Write(ref _head, _head + 1);
            drained++;
        }

        return drained;
    }

    /// <summary>Forgets every record (after a failure has settled or the producer was replaced); late reports are ignored.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        _head = 0;
        _next = 0;
        Volatile.Write(ref _unresolved, 0);
        _failed = false;
    }
}
