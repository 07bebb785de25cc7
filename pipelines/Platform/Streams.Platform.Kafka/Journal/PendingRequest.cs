using System.Buffers;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// A request the broker has not answered yet whose answer the journal needs: a Produce with its
/// frame (held until the batches it carries are journaled), an OffsetCommit, or a Fetch's offsets.
/// </summary>
internal sealed class PendingRequest(RequestHeader header)
{
    public RequestHeader Header { get; } = header;

    /// <summary>A Produce request's frame, rented from the shared pool and returned once answered.</summary>
    public byte[]? Frame { get; init; }

    public int FrameStart { get; init; }

    public List<ProducedBatch> Batches { get; init; } = [];

    public List<CommittedOffset> Commits { get; init; } = [];

    public List<PartitionResult> FetchOffsets { get; init; } = [];

    public void Release()
    {
        if (Frame is not null)
        {
            ArrayPool<byte>.Shared.Return(Frame);
        }
    }
}
