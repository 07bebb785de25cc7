using System.Runtime.InteropServices;

namespace Streams.Collectors.Agent.Native;

/// <summary>statvfs(3) of a mount point, in bytes and inodes.</summary>
internal static partial class FileSystemUsage
{
    public static bool TryGet(string mountPoint, out double totalBytes, out double freeBytes, out double availableBytes, out double inodes, out double freeInodes)
    {
        if (Statvfs(mountPoint, out var stat) != 0)
        {
            totalBytes = freeBytes = availableBytes = inodes = freeInodes = 0;
            return false;
        }

        double fragment = stat.FragmentSize == 0 ? stat.BlockSize : stat.FragmentSize;
        totalBytes = stat.Blocks * fragment;
        freeBytes = stat.FreeBlocks * fragment;
        availableBytes = stat.AvailableBlocks * fragment;
        inodes = stat.Files;
        freeInodes = stat.FreeFiles;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statvfs(string path, out StatVfs buffer);

    /// <summary>struct statvfs of glibc on 64-bit Linux: eleven 8-byte fields and six ints of padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong FreeBlocks;
        public ulong AvailableBlocks;
        public ulong Files;
        public ulong FreeFiles;
        public ulong AvailableFiles;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong MaxNameLength;
        private unsafe fixed int _spare[6];
    }
}
