using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Streams.Collectors.Logs.Native;

/// <summary>
/// The inode of a path or of an open file, through statx(2). .NET exposes no inode; comparing the
/// two is how a tailer sees that its file was renamed away and a new one created under the name.
/// </summary>
internal static partial class FileIdentity
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;

    // struct statx is 256 bytes; stx_ino is the u64 at offset 32 (after mask, blksize, attributes, nlink, uid, gid, mode, spare).
    private const int StatxBytes = 256;
    private const int InodeOffset = 32;

    public static bool TryGetInode(string path, out ulong inode) => TryStatx(AtFdCwd, path, 0, out inode);

    public static ulong GetInode(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return TryStatx((int)handle.DangerousGetHandle(), "", AtEmptyPath, out var inode)
                ? inode
                : throw new IOException($"statx failed on an open file: errno {Marshal.GetLastPInvokeError()}.");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe bool TryStatx(int directory, string path, int flags, out ulong inode)
    {
        var buffer = stackalloc byte[StatxBytes];
        if (Statx(directory, path, flags, StatxIno, buffer) != 0)
        {
            inode = 0;
            return false;
        }

        inode = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(buffer + InodeOffset, 8));
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
