namespace Streams.Collectors.Logs.Tailing;

/// <summary>Where a tailed file was left: which file (inode) and the offset after its last shipped line.</summary>
internal sealed record TailPosition(ulong Inode, long Offset);
