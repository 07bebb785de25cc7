using Microsoft.Win32.SafeHandles;

namespace Streams.Collectors.Publishing.Spool;

/// <summary>One append-only segment file and what the spool knows about it.</summary>
internal sealed class SpoolSegment(long id, string path, SafeFileHandle handle) : IDisposable
{
    public long Id { get; } = id;

    public string Path { get; } = path;

    public SafeFileHandle Handle { get; } = handle;

    /// <summary>Bytes of whole records (a torn tail left by a crash is cut off on open).</summary>
    public long Length { get; set; }

    public int Records { get; set; }

    public int AckedRecords { get; set; }

    public bool Dirty { get; set; }

    public void Dispose() => Handle.Dispose();
}
