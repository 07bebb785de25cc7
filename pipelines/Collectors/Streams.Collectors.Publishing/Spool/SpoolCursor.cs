namespace Streams.Collectors.Publishing.Spool;

/// <summary>A byte position in the spool: a segment and an offset inside it.</summary>
internal readonly record struct SpoolCursor(long SegmentId, long Offset) : IComparable<SpoolCursor>
{
    public int CompareTo(SpoolCursor other) =>
        SegmentId != other.SegmentId ? SegmentId.CompareTo(other.SegmentId) : Offset.CompareTo(other.Offset);

    public static bool operator <(SpoolCursor left, SpoolCursor right) => left.CompareTo(right) < 0;

    public static bool operator >(SpoolCursor left, SpoolCursor right) => left.CompareTo(right) > 0;

    public static bool operator <=(SpoolCursor left, SpoolCursor right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SpoolCursor left, SpoolCursor right) => left.CompareTo(right) >= 0;
}
