namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>The rows of several buffers read one after another, as one request body, without copying them together.</summary>
internal sealed class RowBinaryStream(IReadOnlyList<RowBinaryBuffer> buffers) : Stream
{
    private int current;
    private int consumed;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => buffers.Sum(b => (long)b.Length);

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        while (current < buffers.Count)
        {
            var rest = buffers[current].Written.Span[consumed..];
            if (rest.IsEmpty)
            {
                current++;
                consumed = 0;
                continue;
            }

            var count = Math.Min(rest.Length, destination.Length);
            rest[..count].CopyTo(destination);
            consumed += count;
            position += count;
            return count;
        }

        return 0;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(destination.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
