using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Microsoft.Extensions.Logging;

namespace Streams.Collectors.Publishing.Spool;

/// <summary>
/// The bounded on-disk write-ahead log between a collector and Kafka. Every record is appended
/// here before it is produced and leaves only once Kafka has acknowledged it, so a broker
/// outage or a <c>kill -9</c> loses nothing up to the bound; beyond the bound the oldest segment
/// is dropped, counted and logged.
/// </summary>
/// <remarks>
/// Layout: segment files <c>{id:D12}.seg</c> of records <c>[int32 length][uint32 crc32][uint16 key length][key][value]</c>
/// (little-endian), plus <c>acked.pos</c> (segment id, offset of the first unacknowledged record),
/// replaced by rename so it is never torn. Each append is one write(2), so the data is in the
/// kernel when <see cref="Append"/> returns and survives the process being killed; segments are
/// fsync'ed by <see cref="Sync"/> on the publisher's interval, which bounds what a power cut can lose.
/// A record cut short by a crash fails its length or CRC check and is cut off on open.
/// </remarks>
internal sealed partial class DiskSpool : IDisposable
{
    private const int HeaderBytes = 8;
    private const int KeyLengthBytes = 2;
    private const string SegmentExtension = ".seg";
    private const string CheckpointName = "acked.pos";

    private readonly Lock _gate = new();
    private readonly List<SpoolSegment> _segments = [];
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly FileStream _lock;
    private byte[] _buffer = new byte[4096];
    private byte[] _lastKey = [];
    private SpoolCursor _acked;
    private bool _checkpointDirty;
    private long _bytes;
    private long _dropped;

    private DiskSpool(string directory, long maxBytes, long segmentBytes, ILogger logger, FileStream directoryLock)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _segmentBytes = segmentBytes;
        _logger = logger;
        _lock = directoryLock;
    }

    /// <summary>Records dropped by drop-oldest since this spool was opened.</summary>
    public long DroppedRecords
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Records on disk that Kafka has not acknowledged yet.</summary>
    public long PendingRecords
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => (long)(s.Records - s.AckedRecords));
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The first record Kafka has not acknowledged: where a restart or a rewind resumes.</summary>
    public SpoolCursor AckedCursor
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    /// <summary>Opens (or creates) the spool in <paramref name="directory"/>; only one process may hold it.</summary>
    public static DiskSpool Open(string directory, long maxBytes, long segmentBytes, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(directory);
        // FileShare.None takes an advisory lock on Linux: a second publisher on the same spool fails here.
        var directoryLock = new FileStream(Path.Combine(directory, "spool.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var spool = new DiskSpool(directory, maxBytes, segmentBytes, logger, directoryLock);
        try
        {
            spool.Load();
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record; it is in the kernel (safe from a killed process) when this returns.</summary>
    public void Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"A key is at most {ushort.MaxValue} bytes; got {key.Length}.", nameof(key));
        }

        var payload = KeyLengthBytes + key.Length + value.Length;
        var size = HeaderBytes + payload;
        lock (_gate)
        {
            if (_buffer.Length < size)
            {
                _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
            }

            var record = _buffer.AsSpan(0, size);
            BinaryPrimitives.WriteUInt16LittleEndian(record[HeaderBytes..], (ushort)key.Length);
            key.CopyTo(record[(HeaderBytes + KeyLengthBytes)..]);
            value.CopyTo(record[(HeaderBytes + KeyLengthBytes + key.Length)..]);
            BinaryPrimitives.WriteInt32LittleEndian(record, payload);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(record[HeaderBytes..]));

            var active = _segments[^1];
            if (active.Length > 0 && active.Length + size > _segmentBytes)
            {
                active = Roll(active);
            }

            RandomAccess.Write(active.Handle, record, active.Length);
            active.Length += size;
            active.Records++;
            active.Dirty = true;
            _bytes += size;
            DropOldestBeyondBound();
        }
    }

    /// <summary>
    /// Reads the record at <paramref name="cursor"/> and moves the cursor past it. The value is
    /// returned with <paramref name="valuePrefix"/> free bytes in front, for the caller's header.
    /// </summary>
    public bool TryRead(ref SpoolCursor cursor, int valuePrefix, out SpoolRecord record)
    {
        lock (_gate)
        {
            if (cursor < new SpoolCursor(_segments[0].Id, 0))
            {
                // The records under the cursor were dropped by drop-oldest: go on with the oldest kept.
                cursor = new SpoolCursor(_segments[0].Id, 0);
            }

            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                if (segment.Id != cursor.SegmentId)
                {
                    continue;
                }

                if (cursor.Offset >= segment.Length)
                {
                    if (i == _segments.Count - 1)
                    {
                        break;
                    }

                    cursor = new SpoolCursor(_segments[i + 1].Id, 0);
                    continue;
                }

                Span<byte> header = stackalloc byte[HeaderBytes];
                RandomAccess.Read(segment.Handle, header, cursor.Offset);
                var payload = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (_buffer.Length < payload)
                {
                    _buffer = new byte[Math.Max(payload, _buffer.Length * 2)];
                }

                var body = _buffer.AsSpan(0, payload);
                RandomAccess.Read(segment.Handle, body, cursor.Offset + HeaderBytes);
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(body);
                var key = body.Slice(KeyLengthBytes, keyLength);
                if (!key.SequenceEqual(_lastKey))
                {
                    _lastKey = key.ToArray();
                }

                var valueBytes = body[(KeyLengthBytes + keyLength)..];
                var value = new byte[valuePrefix + valueBytes.Length];
                valueBytes.CopyTo(value.AsSpan(valuePrefix));
                cursor = new SpoolCursor(segment.Id, cursor.Offset + HeaderBytes + payload);
                record = new SpoolRecord(_lastKey, value, cursor);
                return true;
            }

            record = default;
            return false;
        }
    }

    /// <summary>Marks the record ending at <paramref name="end"/> acknowledged; records must be acknowledged in spool order.</summary>
    public void Acknowledge(SpoolCursor end)
    {
        lock (_gate)
        {
            if (end <= _acked)
            {
                return;
            }

            while (_segments.Count > 1 && _segments[0].Id < end.SegmentId)
            {
                DeleteOldest();
            }

            var segment = _segments[0];
            if (segment.Id != end.SegmentId)
            {
                return;
            }

            segment.AckedRecords++;
            _acked = end;
            _checkpointDirty = true;
            if (end.Offset >= segment.Length && _segments.Count > 1)
            {
                DeleteOldest();
                _acked = new SpoolCursor(_segments[0].Id, 0);
            }
        }
    }

    /// <summary>Persists the acknowledged position if it moved; a crash before this replays the records since the last checkpoint.</summary>
    public void Checkpoint()
    {
        SpoolCursor acked;
        lock (_gate)
        {
            if (!_checkpointDirty)
            {
                return;
            }

            acked = _acked;
            _checkpointDirty = false;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, acked.SegmentId);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], acked.Offset);
        var temporary = Path.Combine(_directory, CheckpointName + ".tmp");
        // No fsync: a killed process keeps what it wrote; a power cut can at worst lose the checkpoint,
        // and the spool then re-sends from its oldest segment (duplicates, never losses).
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            file.Write(bytes);
        }

        File.Move(temporary, Path.Combine(_directory, CheckpointName), overwrite: true);
    }

    /// <summary>fsyncs every segment written since the last call.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            foreach (var segment in _segments)
            {
                if (segment.Dirty)
                {
                    RandomAccess.FlushToDisk(segment.Handle);
                    segment.Dirty = false;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }

            _segments.Clear();
        }

        _lock.Dispose();
    }

    private void Load()
    {
        var checkpoint = ReadCheckpoint();
        var ids = Directory.EnumerateFiles(_directory, "*" + SegmentExtension)
            .Select(p => long.TryParse(Path.GetFileNameWithoutExtension(p), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id >= 0)
            .Order()
            .ToList();
        foreach (var id in ids)
        {
            var path = SegmentPath(id);
            if (id < checkpoint.SegmentId)
            {
                File.Delete(path);
                continue;
            }

            var segment = new SpoolSegment(id, path, File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read));
            Scan(segment, checkpoint);
            _segments.Add(segment);
            _bytes += segment.Length;
        }

        if (_segments.Count == 0)
        {
            _segments.Add(CreateSegment(Math.Max(checkpoint.SegmentId, 1)));
        }

        var first = new SpoolCursor(_segments[0].Id, 0);
        _acked = checkpoint.SegmentId == _segments[0].Id
            ? new SpoolCursor(first.SegmentId, Math.Min(checkpoint.Offset, _segments[0].Length))
            : first;
    }

    private void Scan(SpoolSegment segment, SpoolCursor checkpoint)
    {
        var fileLength = RandomAccess.GetLength(segment.Handle);
        Span<byte> header = stackalloc byte[HeaderBytes];
        long offset = 0;
        while (offset + HeaderBytes <= fileLength)
        {
            RandomAccess.Read(segment.Handle, header, offset);
            var payload = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (payload < KeyLengthBytes || offset + HeaderBytes + payload > fileLength)
            {
                break;
            }

            var body = ArrayPool<byte>.Shared.Rent(payload);
            try
            {
                RandomAccess.Read(segment.Handle, body.AsSpan(0, payload), offset + HeaderBytes);
                if (Crc32.HashToUInt32(body.AsSpan(0, payload)) != BinaryPrimitives.ReadUInt32LittleEndian(header[4..]))
                {
                    break;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            offset += HeaderBytes + payload;
            segment.Records++;
            if (segment.Id == checkpoint.SegmentId && offset <= checkpoint.Offset)
            {
                segment.AckedRecords++;
            }
        }

        if (offset < fileLength)
        {
            LogTornTail(_logger, segment.Path, fileLength - offset);
            RandomAccess.SetLength(segment.Handle, offset);
        }

        segment.Length = offset;
    }

    private SpoolCursor ReadCheckpoint()
    {
        var path = Path.Combine(_directory, CheckpointName);
        if (!File.Exists(path))
        {
            return new SpoolCursor(0, 0);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 16)
        {
            return new SpoolCursor(BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        }

        LogBadCheckpoint(_logger, path, bytes.Length);
        return new SpoolCursor(0, 0);
    }

    private SpoolSegment Roll(SpoolSegment active)
    {
        RandomAccess.FlushToDisk(active.Handle);
        active.Dirty = false;
        var next = CreateSegment(active.Id + 1);
        _segments.Add(next);
        if (_acked.SegmentId == active.Id && _acked.Offset >= active.Length)
        {
            DeleteOldest();
            _acked = new SpoolCursor(next.Id, 0);
            _checkpointDirty = true;
        }

        return next;
    }

    private void DropOldestBeyondBound()
    {
        while (_bytes > _maxBytes && _segments.Count > 1)
        {
            var oldest = _segments[0];
            var lost = oldest.Records - oldest.AckedRecords;
            _dropped += lost;
            DeleteOldest();
            if (_acked.SegmentId <= oldest.Id)
            {
                _acked = new SpoolCursor(_segments[0].Id, 0);
                _checkpointDirty = true;
            }

            PublishingMetrics.SpoolDropped.Add(lost);
            LogDropped(_logger, lost, _maxBytes, _dropped);
        }
    }

    private void DeleteOldest()
    {
        var oldest = _segments[0];
        _segments.RemoveAt(0);
        _bytes -= oldest.Length;
        oldest.Dispose();
        File.Delete(oldest.Path);
    }

    private SpoolSegment CreateSegment(long id)
    {
        var path = SegmentPath(id);
        return new SpoolSegment(id, path, File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read));
    }

    private string SegmentPath(long id) =>
        Path.Combine(_directory, id.ToString("D12", CultureInfo.InvariantCulture) + SegmentExtension);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool full ({MaxBytes} bytes): dropped the oldest segment, {Lost} unacknowledged records lost ({Total} since start)")]
    private static partial void LogDropped(ILogger logger, long lost, long maxBytes, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool checkpoint {Path} has {Length} bytes instead of 16: re-sending the whole spool")]
    private static partial void LogBadCheckpoint(ILogger logger, string path, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool segment {Path} ended in a torn record ({Bytes} bytes), cut off")]
    private static partial void LogTornTail(ILogger logger, string path, long bytes);
}
