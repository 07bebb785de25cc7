using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>
/// Reads /proc and /sys files under a root (the real <c>/</c>, or a fixture tree in tests) into
/// reused buffers, so reading a file allocates nothing. A missing file (a container without
/// /proc/diskstats, an interface gone) is reported as absent, not as an error.
/// </summary>
internal sealed class ProcFiles(string root)
{
    private byte[] _bytes = new byte[16 * 1024];
    private char[] _chars = new char[16 * 1024];

    public string Root { get; } = root;

    public string PathOf(string relative) => Path.Join(Root, relative);

    /// <summary>The text of <paramref name="path"/>, valid until the next read; false when it does not exist or cannot be read.</summary>
    public bool TryRead(string path, out ReadOnlySpan<char> text)
    {
        text = default;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }

        using (handle)
        {
            // /proc files report length 0: read until a read returns nothing, growing the buffer.
            var length = 0;
            while (true)
            {
                if (length == _bytes.Length)
                {
                    Array.Resize(ref _bytes, _bytes.Length * 2);
                }

                var read = RandomAccess.Read(handle, _bytes.AsSpan(length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (_chars.Length < length)
            {
                _chars = new char[_bytes.Length];
            }

            var count = Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars);
            text = _chars.AsSpan(0, count);
            return true;
        }
    }
}
