using System.Threading.Channels;

namespace Streams.Api.Live;

/// <summary>
/// One WebSocket client's queue: bounded, dropping the oldest frame when full, so a slow client
/// never holds up the feed or other clients; it is told how many it missed.
/// </summary>
internal sealed class LiveClient
{
    private readonly Channel<ReadOnlyMemory<byte>> frames;
    private long dropped;

    public LiveClient(LiveFilter filter, int capacity)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Filter = filter;
        frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
    }

    public LiveFilter Filter { get; }

    public ChannelReader<ReadOnlyMemory<byte>> Frames => frames.Reader;

    public void Enqueue(ReadOnlyMemory<byte> frame) => frames.Writer.TryWrite(frame);

    /// <summary>Frames dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    public void Complete() => frames.Writer.TryComplete();
}
