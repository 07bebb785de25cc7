using ClickHouse.Driver;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Sinks.ClickHouse.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// Moves one topic into one table: consumes records into per-partition batches, decodes them
/// (<see cref="IBatchEncoder{TRows}"/>) off the consumer's thread (in chunks, several partitions in parallel), and when a
/// batch is full or old enough writes it: dead letters first, then the batch's offset range to
/// <c>sink_batches</c>, then the rows with a deduplication token of that range, then the range
/// again as landed, and only then commits the offsets (a batch rebuilt after a crash is first
/// looked for in the table by its token, see <see cref="BatchIntents"/>). Writing runs beside consuming (one write of several partitions' batches
/// at a time), so consuming, decoding and inserting overlap. A batch is sealed for its age only
/// when no write is running: while one is, batches go on filling up to the batch size, so a
/// sink that is behind writes few large inserts instead of many small ones (an insert's fixed
/// cost made 2,000-row batches ~4x slower per row than 50,000-row ones). A write is retried
/// with backoff until it succeeds; a partition with a batch waiting behind the one being
/// written is paused, so a ClickHouse outage costs memory for at most two batches per
/// partition while the consumer keeps polling and stays in its group.
/// Where <c>repeatLookback</c> is set, a record whose value equals one of the partition's last
/// that many is passed over (<see cref="RecentRecords"/>): a Streamiz stage killed after
/// producing and before committing its input produces the same records again. A new owner of a
/// partition first reads that many records before its start again, only to remember them.
/// </summary>
internal sealed partial class TopicSink<TRows> : IDisposable
    where TRows : class
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<TopicPartition, PartitionState<TRows>> partitions = [];
    private readonly HashSet<TopicPartition> assigned = [];
    private readonly string topic;
    private readonly IConsumer<Ignore, byte[]?> consumer;
    private readonly IBatchEncoder<TRows> encoder;
    private readonly ClickHouseClient client;
    private readonly BatchIntents intents;
    private readonly DeadLetterPublisher deadLetters;
    private readonly SinkOptions options;
    private readonly ILogger logger;
    private readonly Retry retry;
    private readonly int repeatLookback;
    private bool sealedSinceCheck;
    private long lastCheck;
    private readonly Func<List<ConsumeResult<Ignore, byte[]?>>, Task<DecodedRecords<TRows>>> decode;
    private Task<List<Batch<TRows>>>? writing;
    private CancellationToken stopping;

    public TopicSink(
        string topic,
        ConsumerConfig consumerConfig,
        IBatchEncoder<TRows> encoder,
        ClickHouseClient client,
        BatchIntents intents,
        DeadLetterPublisher deadLetters,
        SinkOptions options,
        ILogger logger,
        int repeatLookback = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatLookback);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(consumerConfig);
        this.topic = topic;
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.intents = intents ?? throw new ArgumentNullException(nameof(intents));
        this.deadLetters = deadLetters ?? throw new ArgumentNullException(nameof(deadLetters));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        retry = new Retry(options, logger);
        this.repeatLookback = repeatLookback;
        decode = DecodeChunk;
        // Keys are never read (Ignore): the sink does not use them, and a string per record is garbage.
        consumer = new ConsumerBuilder<Ignore, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((_, added) => OnAssigned(added))
            .SetPartitionsRevokedHandler((_, removed) => OnRevoked(removed.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, lost) => OnRevoked(lost.Select(p => p.TopicPartition)))
            .Build();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        stopping = cancellationToken;
        consumer.Subscribe(topic);
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]?>? result;
            try
            {
                result = consumer.Consume(PollInterval);
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                LogConsumeError(ex.Error.Reason);
                continue;
            }

            if (result?.Message is not null)
            {
                await AcceptAsync(result, cancellationToken);
            }

            // Batch ages are checked when idle, after a batch filled up, or every 10 ms under
            // load: not per record, which at 10^5..10^6 records/s would cost more than decoding.
            var now = Environment.TickCount64;
            if (result is null || sealedSinceCheck || now - lastCheck >= 10)
            {
                sealedSinceCheck = false;
                lastCheck = now;
                await CheckBatchesAsync(cancellationToken);
            }
        }

        if (writing is not null)
        {
            // Stopping: let the write end (it was cancelled too); its offsets stay uncommitted.
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Finishes a completed write (commit, resume) and starts the next one if batches are ready.</summary>
    private async Task CheckBatchesAsync(CancellationToken cancellationToken)
    {
        if (writing is { IsCompleted: true } done)
        {
            writing = null;
            Completed(await done);
        }

        var ready = SealReady(canWrite: writing is null);
        if (writing is null && ready.Count > 0)
        {
            writing = Task.Run(() => WriteAsync(ready, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Leaves the group without committing: what is not written is read again by the next owner.</summary>
    public void Dispose()
    {
        try
        {
            consumer.Close();
        }
        finally
        {
            consumer.Dispose();
        }
    }

    private void OnAssigned(IEnumerable<TopicPartition> added)
    {
        foreach (var partition in added)
        {
            assigned.Add(partition);
        }
    }

    /// <summary>
    /// Partitions taken away: their unwritten records are dropped; their offsets are not
    /// committed, so the next owner reads them again (and rebuilds any recorded batch exactly).
    /// </summary>
    private void OnRevoked(IEnumerable<TopicPartition> removed)
    {
        foreach (var partition in removed)
        {
            assigned.Remove(partition);
            partitions.Remove(partition);
        }
    }

    private async Task AcceptAsync(ConsumeResult<Ignore, byte[]?> result, CancellationToken cancellationToken)
    {
        var partition = result.TopicPartition;
        if (!partitions.TryGetValue(partition, out var state))
        {
            var intent = await RetryAsync(ct => intents.CoveringAsync(partition, result.Offset.Value, result.Message.Timestamp.UnixTimestampMs, ct), "read the sink_batches record", cancellationToken);
            if (!assigned.Contains(partition))
            {
                return;
            }

            state = new PartitionState<TRows>(partition, intent)
            {
                Recent = repeatLookback > 0 ? new RecentRecords(repeatLookback) : null,
                RecallUntil = result.Offset.Value,
            };
            partitions.Add(partition, state);
            if (intent is { } recorded)
            {
                LogRebuild(recorded.Range.DeduplicationToken, recorded.Landed);
            }

            if (state.Recent is not null)
            {
                // Without the recall a replay of what the previous owner wrote is written again, so
                // a broker that cannot say its offsets yet (a platform just restarted) is waited for.
                var from = await RetryAsync(_ => Task.FromResult(RecallFrom(partition, result.Offset.Value)), $"read the offsets of {partition} to recall its recent records", cancellationToken);
                // Taken away while waiting (and maybe given back, to be read again from its committed offset).
                if (!assigned.Contains(partition) || !partitions.TryGetValue(partition, out var current) || current != state)
                {
                    return;
                }

                if (from < result.Offset.Value)
                {
                    LogRecall(result.Offset.Value - from, partition.ToString(), result.Offset.Value);
                    consumer.Seek(new TopicPartitionOffset(partition, new Offset(from)));
                    return;
                }
            }
        }

        if (result.Offset.Value < state.RecallUntil)
        {
            if (result.Message.Value is { } earlier)
            {
                state.Recent?.Repeats(earlier);
            }

            return;
        }

        var offset = result.Offset.Value;
        if (state.Open is { RequiredLast: { } end } && offset > end)
        {
            Seal(state);
        }

        if (state.Open is null)
        {
            var intent = state.Intent;
            state.Intent = null;
            state.Open = intent is { Range: var range } recorded && range.Last >= offset
                ? new Batch<TRows>(partition, range.First, range.Last, range.FirstTimestampMs, Environment.TickCount64, decode, recorded.Landed)
                : new Batch<TRows>(partition, offset, null, null, Environment.TickCount64, decode);
        }

        var batch = state.Open;
        if (state.Recent is { } recent && result.Message.Value is { } value && recent.Repeats(value))
        {
            batch.Skip(result);
        }
        else
        {
            batch.Add(result);
        }

        if (batch.IsComplete || (batch.RequiredLast is null && batch.Records >= options.BatchSize))
        {
            Seal(state);
        }
    }

    /// <summary>Where to read from to remember the records a previous owner wrote: <c>Sink:RepeatLookback</c> records back, or the partition's first.</summary>
    private long RecallFrom(TopicPartition partition, long start) =>
        Math.Max(consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).Low.Value, start - repeatLookback);

    /// <summary>Decodes a chunk of a batch on the thread pool: it must not touch the consumer or the partition states.</summary>
    private Task<DecodedRecords<TRows>> DecodeChunk(List<ConsumeResult<Ignore, byte[]?>> records) =>
        Task.Run(() => encoder.DecodeAsync(records, stopping), stopping);

    private void Seal(PartitionState<TRows> state)
    {
        if (state.Open is { } batch)
        {
            batch.Seal();
            state.Sealed.Enqueue(batch);
            state.Open = null;
            sealedSinceCheck = true;
        }
    }

    /// <summary>
    /// Seals the batches that waited long enough (only when they can be written now: while a
    /// write runs they keep filling), pauses partitions that are full, and returns what is ready to write.
    /// </summary>
    private List<Batch<TRows>> SealReady(bool canWrite)
    {
        var now = Environment.TickCount64;
        var timeout = (long)options.BatchTimeout.TotalMilliseconds;
        var ready = new List<Batch<TRows>>();
        foreach (var state in partitions.Values)
        {
            if (canWrite && state.Open is { RequiredLast: null } open && now - open.OpenedAt >= timeout)
            {
                Seal(state);
            }

            if (state.Sealed.TryPeek(out var batch))
            {
                ready.Add(batch);
            }

            if (!state.Paused && state.Sealed.Count > 1)
            {
                consumer.Pause([state.Partition]);
                state.Paused = true;
            }
        }

        return ready;
    }

    /// <summary>Runs off the consumer's thread: it must not touch the consumer or the partition states.</summary>
    private async Task<List<Batch<TRows>>> WriteAsync(List<Batch<TRows>> ready, CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        var decoded = await Task.WhenAll(ready.Select(b => b.Decoded!));
        var waited = Environment.TickCount64 - started;
        // A landed batch's dead letters went out before its insert did.
        var letters = ready.Zip(decoded).Where(b => !b.First.Landed).SelectMany(b => b.Second.SelectMany(c => c.DeadLetters)).ToList();
        if (letters.Count > 0)
        {
            await retry.RunAsync(ct => deadLetters.PublishAsync(letters, ct), "publish dead letters", cancellationToken);
            LogDeadLetters(letters.Count, letters[0].Reason, letters[0].Detail);
        }

        foreach (var repeated in ready.Where(b => b.Repeats > 0))
        {
            LogRepeats(repeated.Repeats, repeated.Partition.ToString(), encoder.Table);
        }

        var withRows = ready.Zip(decoded, (batch, chunks) => (Batch: batch, Chunks: chunks, Rows: chunks.Sum(c => c.RowCount)))
            .Where(b => b.Rows > 0 && !b.Batch.Landed)
            .ToList();
        var recorded = Environment.TickCount64;
        if (withRows.Count > 0)
        {
            await retry.RunAsync(ct => intents.RecordAsync(withRows.ConvertAll(b => b.Batch.Range), ct), "record the batch ranges", cancellationToken);
            recorded = Environment.TickCount64;
            await Parallel.ForEachAsync(withRows,
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelInserts, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    var start = Environment.TickCount64;
                    var range = batch.Batch.RequiredLast is null ? batch.Batch.Range : await RebuiltRangeAsync(batch.Batch.Range, batch.Rows, ct);
                    if (range is { } insert)
                    {
                        var rows = Array.ConvertAll(batch.Chunks, c => c.Rows);
                        await retry.RunAsync(c => encoder.InsertAsync(client, insert, rows, c), "insert into " + encoder.Table, ct);
                        LogInserted(batch.Rows, insert.DeduplicationToken, Environment.TickCount64 - start);
                    }
                });
            await retry.RunAsync(ct => intents.MarkLandedAsync(withRows.ConvertAll(b => b.Batch.Range), ct), "record the batches as landed", cancellationToken);
        }

        // Written: pooled buffers go back (a write that failed leaves them to the collector).
        foreach (var chunk in decoded.SelectMany(chunks => chunks))
        {
            (chunk.Rows as IDisposable)?.Dispose();
        }

        var ended = Environment.TickCount64;
        LogWritten(encoder.Table, withRows.Sum(b => b.Rows), withRows.Count, ended - started, waited, ended - recorded);
        return ready;
    }

    /// <summary>
    /// How to insert a batch a previous owner recorded but did not see land: as it is when the
    /// table holds none of its rows; not at all when it holds them all (the insert landed, then
    /// the process died before the landed mark, and a killed ClickHouse forgets the token); and,
    /// when it holds some (an insert spanning partitions stopped between them), after deleting
    /// them, with a token of its own (<see cref="OffsetRange.Again"/>). Null: nothing to insert.
    /// </summary>
    private async Task<OffsetRange?> RebuiltRangeAsync(OffsetRange range, int rows, CancellationToken cancellationToken)
    {
        var landed = await retry.RunAsync(ct => intents.RowsLandedAsync(encoder.Table, range, ct), "count the rows of a rebuilt batch in " + encoder.Table, cancellationToken);
        if (landed == 0)
        {
            return range;
        }

        LogRebuiltLanded(range.DeduplicationToken, landed, rows);
        if (landed >= (ulong)rows)
        {
            return null;
        }

        await retry.RunAsync(ct => intents.DiscardRowsAsync(encoder.Table, range, ct), "delete the rows of a partly landed batch from " + encoder.Table, cancellationToken);
        return range with { Again = true };
    }

    /// <summary>Back on the consumer's thread: commits the written batches and lets their partitions go on.</summary>
    private void Completed(List<Batch<TRows>> written)
    {
        Commit(written);
        foreach (var batch in written)
        {
            if (partitions.TryGetValue(batch.Partition, out var state) && state.Sealed.TryPeek(out var head) && ReferenceEquals(head, batch))
            {
                state.Sealed.Dequeue();
                if (state.Paused && state.Sealed.Count <= 1)
                {
                    consumer.Resume([state.Partition]);
                    state.Paused = false;
                }
            }
        }
    }

    private void Commit(List<Batch<TRows>> written)
    {
        var offsets = written
            .Where(b => partitions.ContainsKey(b.Partition))
            .Select(b => new TopicPartitionOffset(b.Partition, new Offset(b.Range.Last + 1)))
            .ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            // The rows are in ClickHouse; whoever reads these offsets again rebuilds the same
            // batches from sink_batches and their inserts are deduplicated.
            LogCommitFailed(ex.Error.Reason);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the consumer's thread until it succeeds. Between
    /// attempts every partition is paused but the consumer is still polled, so the group keeps
    /// this member and its partitions while ClickHouse or the registry is away.
    /// </summary>
    private async Task<TResult> RetryAsync<TResult>(Func<CancellationToken, Task<TResult>> action, string what, CancellationToken cancellationToken)
    {
        var delay = options.RetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                LogRetry(what, attempt, delay.TotalMilliseconds, ex.Message);
                WaitPolling(delay, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }

    private void WaitPolling(TimeSpan delay, CancellationToken cancellationToken)
    {
        var paused = consumer.Assignment;
        consumer.Pause(paused);
        try
        {
            var until = Environment.TickCount64 + (long)delay.TotalMilliseconds;
            while (!cancellationToken.IsCancellationRequested && Environment.TickCount64 < until)
            {
                // Paused partitions deliver nothing; a partition assigned meanwhile might: put its
                // record back so that it is read again once the wait is over.
                if (consumer.Consume(PollInterval) is { Message: not null } early)
                {
                    consumer.Seek(early.TopicPartitionOffset);
                    consumer.Pause([early.TopicPartition]);
                    paused = [.. paused, early.TopicPartition];
                }
            }
        }
        finally
        {
            var resume = paused.Where(p => !partitions.TryGetValue(p, out var state) || !state.Paused).ToList();
            consumer.Resume(resume);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wrote {Rows} rows to {Table} in {Batches} batches in {Milliseconds} ms: {DecodeWaitMilliseconds} ms waiting for decoding, {InsertMilliseconds} ms inserting")]
    private partial void LogWritten(string table, int rows, int batches, long milliseconds, long decodeWaitMilliseconds, long insertMilliseconds);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Inserted {Rows} rows of {Token} in {Milliseconds} ms")]
    private partial void LogInserted(int rows, string token, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Passed over {Count} records of {Partition} equal to one of its recent records (a stage's replay after a restart), not written to {Table} again")]
    private partial void LogRepeats(int count, string partition, string table);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recalled {Count} records of {Partition} before offset {Start}, to pass over their replays")]
    private partial void LogRecall(long count, string partition, long start);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consume error (retrying): {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Token} had landed before a restart without being recorded as landed: {Landed} of its {Rows} rows are in the table (all: not inserted again; some: those deleted and the batch inserted whole)")]
    private partial void LogRebuiltLanded(string token, ulong landed, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding batch {Token} recorded before a restart (landed: {Landed}); a landed batch is committed without a second insert, another one's insert is deduplicated if it had landed")]
    private partial void LogRebuild(string token, bool landed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent {Count} records to deadletter, e.g. {Reason}: {Detail}")]
    private partial void LogDeadLetters(int count, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed ({Reason}); the rows are written and a replay is deduplicated")]
    private partial void LogCommitFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (attempt {Attempt}), retrying in {DelayMs} ms: {Error}")]
    private partial void LogRetry(string what, int attempt, double delayMs, string error);
}
