namespace Streams.Collectors.Publishing.Spool;

/// <summary>One record read back from the spool, and the position just after it.</summary>
internal readonly record struct SpoolRecord(byte[] Key, byte[] Value, SpoolCursor End);
