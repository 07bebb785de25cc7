using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// The embedded broker's durable log: an append-only series of segment files in one generation
/// folder, each entry <c>[length][CRC-32C][type, fields]</c>. Acknowledged record batches, topic
/// creations and committed offsets are appended; a start reads them back (cutting a torn or
/// corrupt entry and what follows it in its segment) and may rewrite them compacted into the next
/// generation folder, which replaces the old one by an atomic rename.
/// </summary>
internal sealed class KafkaJournal : IDisposable
{
    private const int EntryHeader = 8;
    private const string SegmentExtension = ".log";
    private string _folder;
    private long _bytes;
    private long _bytesAtCompaction;
    private readonly JournalOptions _options;
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Timer? _flushTimer;
    private FileStream _segment;
    private string _segmentName;
    private long _unflushed;
    private int _entryStart;
    private bool _disposed;

    private KafkaJournal(string folder, JournalOptions options, int nextSegment)
    {
        _folder = folder;
        _options = options;
        (_segment, _segmentName) = OpenSegment(nextSegment);
        if (options.FlushMs > 0)
        {
            _flushTimer = new Timer(_ => FlushIfDirty(), null, options.FlushMs, options.FlushMs);
        }
    }

    /// <summary>The generation folder this journal appends to.</summary>
    public string Folder => _folder;

    /// <summary>Opens <paramref name="folder"/> (already read, <paramref name="bytes"/> long) to append after its last segment.</summary>
    public static KafkaJournal Append(string folder, JournalOptions options, long bytes) =>
        new(folder, options, NextSegmentNumber(folder)) { _bytes = bytes, _bytesAtCompaction = bytes };

    /// <summary>Starts an empty journal in <paramref name="folder"/> (a compaction's output).</summary>
    public static KafkaJournal Create(string folder, JournalOptions options) => new(folder, options, 0);

    /// <summary>The newest complete generation folder under <paramref name="path"/>; unfinished or older ones are removed.</summary>
    public static string CurrentGeneration(string path)
    {
        Directory.CreateDirectory(path);
        foreach (var unfinished in Directory.GetDirectories(path, "*.tmp"))
        {
            Directory.Delete(unfinished, recursive: true);
        }

        var generations = Directory.GetDirectories(path)
            .Where(d => long.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(d => long.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
            .ToList();
        if (generations.Count == 0)
        {
            var first = Path.Combine(path, GenerationName(1));
            Directory.CreateDirectory(first);
            return first;
        }

        // A compacted generation replaces the segments numbered below its "covers" number; the
        // older generation's later segments (appended while it was compacted) move into it.
        var current = generations[^1];
        var covers = File.Exists(Path.Combine(current, JournalCompactor.CoversFile))
            ? int.Parse(File.ReadAllText(Path.Combine(current, JournalCompactor.CoversFile)), CultureInfo.InvariantCulture)
            : 0;
        foreach (var old in generations[..^1])
        {
            foreach (var segment in SegmentFiles(old).Where(f => SegmentNumber(f) >= covers))
            {
                File.Move(segment, Path.Combine(current, Path.GetFileName(segment)), overwrite: true);
            }

            Directory.Delete(old, recursive: true);
        }

        return current;
    }

    /// <summary>The number the next segment of <paramref name="folder"/> gets.</summary>
    public static int NextSegmentNumber(string folder)
    {
        var segments = SegmentFiles(folder);
        return segments.Count == 0 ? 0 : SegmentNumber(segments[^1]) + 1;
    }

    /// <summary>
    /// Closes the segment being written and starts the next one, so that everything written so far
    /// can be compacted while appends go on; returns the closed segments and the first number not among them.
    /// </summary>
    public (IReadOnlyList<string> Segments, int CoversBelow) Seal()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var next = SegmentNumber(_segmentName) + 1;
            _segment.Flush(flushToDisk: true);
            _segment.Dispose();
            (_segment, _segmentName) = OpenSegment(next);
            _bytesAtCompaction = _bytes;
            return (SegmentFiles(_folder).Where(f => SegmentNumber(f) < next).ToList(), next);
        }
    }

    /// <summary>Switches to the compacted generation folder <paramref name="folder"/>, taking the segments written since <see cref="Seal"/> along.</summary>
    public void Adopt(string folder, long compactedBytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // The open segment is renamed under its handle; appends go on into the same file.
            _folder = CurrentGeneration(Path.GetDirectoryName(folder)!);
            _bytes = compactedBytes + (_bytes - _bytesAtCompaction);
            _bytesAtCompaction = _bytes;
        }
    }

    /// <summary>Bytes the journal holds.</summary>
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

    /// <summary>Bytes appended since the journal was opened or last compacted.</summary>
    public long BytesSinceCompaction
    {
        get
        {
            lock (_gate)
            {
                return _bytes - _bytesAtCompaction;
            }
        }
    }

    public static string GenerationName(long generation) => generation.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Reads every entry of <paramref name="folder"/>; a bad entry cuts its segment there, with a warning.</summary>
    public static JournalState Read(string folder, ILogger logger) => Read(SegmentFiles(folder), logger);

    /// <summary>Reads every entry of <paramref name="segments"/>, in order; a bad entry cuts its segment there, with a warning.</summary>
    public static JournalState Read(IReadOnlyList<string> segments, ILogger logger)
    {
        var state = new JournalState();
        foreach (var file in segments)
        {
            ReadSegment(file, state, logger);
        }

        state.Sort();
        return state;
    }

    /// <summary>Records a topic and its partition count.</summary>
    public void AppendTopic(string name, int partitions)
    {
        lock (_gate)
        {
            var w = Begin(JournalEntryType.Topic);
            WriteString(w, name);
            WriteInt32(w, partitions);
            End(w);
            Commit(1);
        }
    }

    /// <summary>
    /// Appends acknowledged batches, one entry each, in one write; returns when the OS has them
    /// (and the disk, when the flush policy says so).
    /// </summary>
    public void AppendBatches(ReadOnlySpan<byte> frame, IReadOnlyList<(ProducedBatch Batch, long BaseOffset)> batches)
    {
        lock (_gate)
        {
            foreach (var (batch, baseOffset) in batches)
            {
                var w = Begin(JournalEntryType.Batch);
                WriteString(w, batch.Topic);
                WriteInt32(w, batch.Partition);
                WriteInt64(w, baseOffset);
                w.Write(frame.Slice(batch.Offset, batch.Length));
                End(w);
            }

            Commit(batches.Count);
        }
    }

    /// <summary>Appends one batch whose bytes are already complete (a rewrite).</summary>
    public void AppendBatch(string topic, int partition, long baseOffset, ReadOnlySpan<byte> batch)
    {
        lock (_gate)
        {
            var w = Begin(JournalEntryType.Batch);
            WriteString(w, topic);
            WriteInt32(w, partition);
            WriteInt64(w, baseOffset);
            w.Write(batch);
            End(w);
            Commit(1);
        }
    }

    /// <summary>Appends committed offsets the broker accepted.</summary>
    public void AppendCommits(IReadOnlyList<CommittedOffset> commits)
    {
        lock (_gate)
        {
            foreach (var commit in commits)
            {
                var w = Begin(JournalEntryType.Commit);
                WriteString(w, commit.Group);
                WriteString(w, commit.Topic);
                WriteInt32(w, commit.Partition);
                WriteInt64(w, commit.Offset);
                WriteString(w, commit.Metadata);
                End(w);
            }

            Commit(commits.Count);
        }
    }

    /// <summary>Reads a batch's bytes back from its segment.</summary>
    public static byte[] ReadBatch(string folder, JournalBatch batch)
    {
        var bytes = new byte[batch.Length];
        using var handle = File.OpenHandle(Path.Combine(folder, batch.Segment));
        RandomAccess.Read(handle, bytes, batch.Position);
        return bytes;
    }

    /// <summary>Forces what was written onto the disk.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _segment.Flush(flushToDisk: true);
                _unflushed = 0;
            }
        }
    }

    public void Dispose()
    {
        _flushTimer?.Dispose();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _segment.Flush(flushToDisk: true);
            _segment.Dispose();
        }
    }

    private void FlushIfDirty()
    {
        lock (_gate)
        {
            if (!_disposed && _unflushed > 0)
            {
                _segment.Flush(flushToDisk: true);
                _unflushed = 0;
            }
        }
    }

    private ArrayBufferWriter<byte> Begin(JournalEntryType type)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _entryStart = _buffer.WrittenCount;
        var span = _buffer.GetSpan(EntryHeader + 1);
        span[..EntryHeader].Clear();
        span[EntryHeader] = (byte)type;
        _buffer.Advance(EntryHeader + 1);
        return _buffer;
    }

    private void End(ArrayBufferWriter<byte> w)
    {
        // ArrayBufferWriter exposes its written bytes read-only; the header is patched through the backing array.
        var written = System.Runtime.InteropServices.MemoryMarshal.AsMemory(w.WrittenMemory).Span;
        var entry = written[_entryStart..];
        var payload = entry[EntryHeader..];
        BinaryPrimitives.WriteInt32LittleEndian(entry, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], Crc32C.Compute(payload));
    }

    private void Commit(int messages)
    {
        _segment.Write(_buffer.WrittenSpan);
        _bytes += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
        _unflushed += messages;
        if (_options.FlushMessages > 0 && _unflushed >= _options.FlushMessages)
        {
            _segment.Flush(flushToDisk: true);
            _unflushed = 0;
        }

        if (_segment.Position >= _options.SegmentBytes)
        {
            _segment.Flush(flushToDisk: true);
            _segment.Dispose();
            (_segment, _segmentName) = OpenSegment(SegmentNumber(_segmentName) + 1);
        }
    }

    private (FileStream Segment, string Name) OpenSegment(int number)
    {
        var name = number.ToString("D10", CultureInfo.InvariantCulture) + SegmentExtension;
        // No buffering: an entry reaches the OS in the write that precedes the acknowledgement.
        var stream = new FileStream(Path.Combine(_folder, name), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        return (stream, name);
    }

    /// <summary>The segment files of <paramref name="folder"/> in order.</summary>
    public static List<string> SegmentFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*" + SegmentExtension).OrderBy(f => f, StringComparer.Ordinal)];

    private static int SegmentNumber(string file) =>
        int.Parse(Path.GetFileNameWithoutExtension(file), CultureInfo.InvariantCulture);

    private static void ReadSegment(string file, JournalState state, ILogger logger)
    {
        var name = Path.GetFileName(file);
        long good;
        string? problem = null;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20))
        {
            var header = new byte[EntryHeader];
            var payload = new byte[1 << 16];
            good = 0;
            while (good < stream.Length)
            {
                if (stream.ReadAtLeast(header, EntryHeader, throwOnEndOfStream: false) < EntryHeader)
                {
                    problem = "a torn entry header";
                    break;
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
                if (length < 1 || length > stream.Length - good - EntryHeader)
                {
                    problem = length < 1 ? "an entry of impossible length" : "a torn entry";
                    break;
                }

                if (payload.Length < length)
                {
                    payload = new byte[Math.Max(length, payload.Length * 2)];
                }

                stream.ReadExactly(payload, 0, length);
                var span = payload.AsSpan(0, length);
                if (Crc32C.Compute(span) != crc)
                {
                    problem = "an entry whose checksum does not match";
                    break;
                }

                if (!Apply(span, name, good + EntryHeader, state))
                {
                    problem = "an entry that cannot be read";
                    break;
                }

                good += EntryHeader + length;
                state.Bytes += EntryHeader + length;
            }
        }

        if (problem is not null)
        {
            var size = new FileInfo(file).Length;
            logger.LogWarning(
                "Kafka journal: {Segment} holds {Problem} at byte {Position}; cutting the {Bytes} byte(s) from there on (a crash mid-write, or a damaged disk)",
                file, problem, good, size - good);
            using var truncate = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            truncate.SetLength(good);
            truncate.Flush(flushToDisk: true);
        }
    }

    private static bool Apply(ReadOnlySpan<byte> entry, string segment, long payloadPosition, JournalState state)
    {
        var position = 1;
        switch ((JournalEntryType)entry[0])
        {
            case JournalEntryType.Topic:
                var topic = ReadString(entry, ref position)!;
                state.Topics[topic] = BinaryPrimitives.ReadInt32LittleEndian(entry[position..]);
                return true;
            case JournalEntryType.Batch:
                var batchTopic = ReadString(entry, ref position)!;
                var partition = BinaryPrimitives.ReadInt32LittleEndian(entry[position..]);
                var baseOffset = BinaryPrimitives.ReadInt64LittleEndian(entry[(position + 4)..]);
                position += 12;
                var batch = entry[position..];
                if (!RecordBatch.IsValid(batch))
                {
                    return false;
                }

                state.Add(new JournalBatch(batchTopic, partition, baseOffset, RecordBatch.OffsetSpan(batch), RecordBatch.MaxTimestamp(batch), segment, payloadPosition + position, batch.Length));
                return true;
            case JournalEntryType.Commit:
                var group = ReadString(entry, ref position)!;
                var commitTopic = ReadString(entry, ref position)!;
                var commitPartition = BinaryPrimitives.ReadInt32LittleEndian(entry[position..]);
                var offset = BinaryPrimitives.ReadInt64LittleEndian(entry[(position + 4)..]);
                position += 12;
                var metadata = ReadString(entry, ref position);
                state.Commits[(group, commitTopic, commitPartition)] = new CommittedOffset(group, commitTopic, commitPartition, offset, metadata);
                return true;
            default:
                return false;
        }
    }

    private static void WriteInt32(ArrayBufferWriter<byte> w, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> w, string? value)
    {
        if (value is null)
        {
            WriteInt32(w, -1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(w, length);
        Encoding.UTF8.GetBytes(value, w.GetSpan(length));
        w.Advance(length);
    }

    private static string? ReadString(ReadOnlySpan<byte> entry, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(entry[position..]);
        position += 4;
        if (length < 0)
        {
            return null;
        }

        var value = Encoding.UTF8.GetString(entry.Slice(position, length));
        position += length;
        return value;
    }
}
