using System.Text;
using io.streams.avro;
using Microsoft.Win32.SafeHandles;
using Streams.Collectors.Logs.Native;
using Streams.Collectors.Logs.Syslog;

namespace Streams.Collectors.Logs.Tailing;

/// <summary>
/// Follows one file across rotations. Rename rotation (logrotate's default): the path now names
/// another inode, so the old file is read to its end, its last unterminated line shipped, and the
/// new file read from the start. copytruncate: the file shrank below the position, so reading
/// restarts at 0 (lines written between logrotate's copy and its truncate are lost; that is
/// inherent to copytruncate). A partial last line waits until its newline arrives.
/// </summary>
internal sealed class FileTailer(TailedFileOptions file, string host, bool readFromHead, TailPositionStore positions, ILogRecordSink sink) : IDisposable
{
    // A line longer than this is shipped in pieces rather than buffered without bound.
    private const int MaxLineBytes = 1 << 20;

    private byte[] _buffer = new byte[64 * 1024];
    private SafeFileHandle? _handle;
    private ulong _inode;
    private long _offset;

    public string Path => file.Path;

    /// <summary>Ships every complete line added since the last call; returns how many.</summary>
    public int Poll()
    {
        var pathExists = FileIdentity.TryGetInode(file.Path, out var pathInode);
        if (_handle is null)
        {
            if (!pathExists || !TryOpen(resume: true))
            {
                return 0;
            }
        }

        var shipped = Drain(final: false);
        if (pathExists && pathInode != _inode)
        {
            shipped += Drain(final: true);
            Close();
            if (TryOpen(resume: false))
            {
                shipped += Drain(final: false);
            }
        }

        if (_handle is not null)
        {
            positions.Set(file.Path, new TailPosition(_inode, _offset));
        }

        return shipped;
    }

    public void Dispose() => Close();

    private bool TryOpen(bool resume)
    {
        try
        {
            _handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        _inode = FileIdentity.GetInode(_handle);
        var length = RandomAccess.GetLength(_handle);
        _offset = 0;
        if (resume)
        {
            var stored = positions.Get(file.Path);
            // Same inode: resume where we stopped (0 if it was truncated meanwhile). Another inode:
            // the file was rotated while we were down, so the whole new file is unread.
            _offset = stored is null ? (readFromHead ? 0 : length)
                : stored.Inode == _inode && stored.Offset <= length ? stored.Offset
                : 0;
        }

        return true;
    }

    private int Drain(bool final)
    {
        var handle = _handle!;
        var shipped = 0;
        var length = RandomAccess.GetLength(handle);
        if (length < _offset)
        {
            _offset = 0;
        }

        while (_offset < length)
        {
            var wanted = (int)Math.Min(length - _offset, MaxLineBytes);
            if (_buffer.Length < wanted)
            {
                _buffer = new byte[Math.Min(MaxLineBytes, Math.Max(wanted, _buffer.Length * 2))];
            }

            var read = RandomAccess.Read(handle, _buffer.AsSpan(0, Math.Min(wanted, _buffer.Length)), _offset);
            if (read == 0)
            {
                break;
            }

            var data = _buffer.AsSpan(0, read);
            var consumed = 0;
            int newline;
            while ((newline = data[consumed..].IndexOf((byte)'\n')) >= 0)
            {
                shipped += Ship(data.Slice(consumed, newline));
                consumed += newline + 1;
            }

            if (consumed == 0 && (read >= MaxLineBytes || final))
            {
                shipped += Ship(data);
                consumed = read;
            }

            if (consumed == 0)
            {
                break;
            }

            _offset += consumed;
        }

        return shipped;
    }

    private int Ship(ReadOnlySpan<byte> bytes)
    {
        if (bytes.EndsWith("\r"u8))
        {
            bytes = bytes[..^1];
        }

        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            return 0;
        }

        var line = Encoding.UTF8.GetString(bytes);
        var context = new LineContext(DateTime.UtcNow, host, file.App, LogSource.FILE, file.Path);
        sink.Ship(file.Format == TailedFileFormat.Plain
            ? SyslogParser.Unparsed(line, context, parseError: false)
            : SyslogParser.Parse(line, context, requirePriority: false));
        return 1;
    }

    private void Close()
    {
        _handle?.Dispose();
        _handle = null;
    }
}
