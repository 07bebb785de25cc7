using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// Reads the Kafka requests and responses a relay carries: journals the batches of each Produce
/// the broker acknowledged (before the acknowledgement goes back to the producer) and the offsets
/// of each accepted OffsetCommit, and reports a Fetch refused because its offset fell out of memory.
/// </summary>
internal sealed class BrokerTrafficInspector(KafkaJournal? journal, ILogger logger)
{
    private const short NoError = 0;
    private readonly ConcurrentDictionary<string, string> _topicNames = new(StringComparer.Ordinal);
    private int _parseWarnings;

    /// <summary>
    /// Looks at a request frame (<paramref name="buffer"/> from <paramref name="start"/>, <paramref name="length"/> bytes).
    /// Returns what to remember until its response, or null. A returned Produce takes ownership of <paramref name="buffer"/>.
    /// </summary>
    public PendingRequest? OnRequest(byte[] buffer, int start, int length)
    {
        var frame = buffer.AsSpan(start, length);
        try
        {
            var header = RequestHeader.Read(frame);
            switch (header.ApiKey)
            {
                case ApiKeys.Produce when journal is not null:
                    var batches = ProduceExchange.ReadRequest(frame, header);
                    return batches.Count == 0 ? null : new PendingRequest(header) { Frame = buffer, FrameStart = start, Batches = batches };
                case ApiKeys.OffsetCommit when journal is not null:
                    return new PendingRequest(header) { Commits = OffsetCommitExchange.ReadRequest(frame, header) };
                case ApiKeys.Metadata:
                    return new PendingRequest(header);
                case ApiKeys.Fetch:
                    var offsets = FetchExchange.ReadRequest(frame, header);
                    return offsets.Count == 0 ? null : new PendingRequest(header) { FetchOffsets = offsets };
                default:
                    return null;
            }
        }
        catch (InvalidDataException ex)
        {
            WarnUnreadable(ex);
            return null;
        }
    }

    /// <summary>Acts on the response to <paramref name="request"/>; returns only when what must be journaled is written.</summary>
    public void OnResponse(PendingRequest request, ReadOnlySpan<byte> response)
    {
        try
        {
            switch (request.Header.ApiKey)
            {
                case ApiKeys.Produce:
                    JournalProduce(request, response);
                    break;
                case ApiKeys.OffsetCommit:
                    JournalCommits(request, response);
                    break;
                case ApiKeys.Metadata:
                    foreach (var (id, name) in MetadataExchange.ReadTopicIds(response, request.Header))
                    {
                        _topicNames[FetchExchange.TopicIdPrefix + id] = name;
                    }

                    break;
                case ApiKeys.Fetch:
                    CheckFetch(request, response);
                    break;
            }
        }
        catch (InvalidDataException ex)
        {
            WarnUnreadable(ex);
        }
        finally
        {
            request.Release();
        }
    }

    private void JournalProduce(PendingRequest request, ReadOnlySpan<byte> response)
    {
        var acknowledged = new List<(ProducedBatch, long)>(request.Batches.Count);
        foreach (var result in ProduceExchange.ReadResponse(response, request.Header))
        {
            if (result.ErrorCode != NoError)
            {
                continue;
            }

            foreach (var batch in request.Batches)
            {
                if (batch.Partition == result.Partition && batch.Topic == result.Topic)
                {
                    acknowledged.Add((batch with { Offset = batch.Offset + request.FrameStart }, result.Offset));
                    break;
                }
            }
        }

        if (acknowledged.Count > 0)
        {
            journal!.AppendBatches(request.Frame!, acknowledged);
        }
    }

    private void JournalCommits(PendingRequest request, ReadOnlySpan<byte> response)
    {
        var accepted = OffsetCommitExchange.ReadResponse(response, request.Header)
            .Where(r => r.ErrorCode == NoError)
            .Select(r => (r.Topic, r.Partition))
            .ToHashSet();
        var commits = request.Commits.Where(c => accepted.Contains((c.Topic, c.Partition))).ToList();
        if (commits.Count > 0)
        {
            journal!.AppendCommits(commits);
        }
    }

    private void CheckFetch(PendingRequest request, ReadOnlySpan<byte> response)
    {
        foreach (var refused in FetchExchange.ReadOutOfRange(response, request.Header))
        {
            var asked = request.FetchOffsets.FirstOrDefault(f => f.Topic == refused.Topic && f.Partition == refused.Partition);
            if (asked.Topic is null || refused.Offset < 0 || asked.Offset >= refused.Offset)
            {
                continue;
            }

            var lost = refused.Offset - asked.Offset;
            var topic = _topicNames.GetValueOrDefault(refused.Topic, refused.Topic);
            KafkaDataLoss.Report(topic, refused.Partition, lost);
            logger.LogWarning(
                "Embedded Kafka lost data: a consumer of {Topic} [{Partition}] asked for offset {Offset} but the broker holds only from {LogStart} on ({Lost} record(s) dropped from memory before being read); the consumer lags too far behind",
                topic, refused.Partition, asked.Offset, refused.Offset, lost);
        }
    }

    private void WarnUnreadable(InvalidDataException ex)
    {
        if (Interlocked.Increment(ref _parseWarnings) <= 10)
        {
            logger.LogError(ex, "Embedded Kafka: a request or response could not be read for the journal");
        }
    }
}
