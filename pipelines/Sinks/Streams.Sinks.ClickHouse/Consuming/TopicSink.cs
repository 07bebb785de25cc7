using System.Globalization;
using ClickHouse.Driver;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Sinks.ClickHouse.DeadLetters;
using Streams.Sinks.ClickHouse.Rows;
using Streams.Topology.DeadLetters;

namespace Streams.Sinks.ClickHouse.Consuming;

/// <summary>
/// Moves one topic into one table: consumes records into per-partition batches, decodes and
/// maps them off the consumer's thread (in chunks, several partitions in parallel), and when a
/// batch is full or old enough writes it: dead letters first, then the batch's offset range to
/// <c>sink_batches</c>, then the rows with a deduplication token of that range, and only then
/// commits the offsets. Writing runs beside consuming (one write of several partitions' batches
/// at a time), so consuming, decoding and inserting overlap. A batch is sealed for its age only
/// when no write is running: while one is, batches go on filling up to the batch size, so a
/// sink that is behind writes few large inserts instead of many small ones (an insert's fixed
/// cost made 2,000-row batches ~4x slower per row than 50,000-row ones). A write is retried
/// with backoff until it succeeds; a partition with a batch waiting behind the one being
/// written is paused, so a ClickHouse outage costs memory for at most two batches per
/// partition while the consumer keeps polling and stays in its group.
/// </summary>
internal sealed partial class TopicSink<T> : IDisposable
    where T : class
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<TopicPartition, PartitionState> partitions = [];
    private readonly HashSet<TopicPartition> assigned = [];
    private readonly string topic;
    private readonly IConsumer<Ignore, byte[]?> consumer;
    private readonly IDeserializer<T> deserializer;
    private readonly IRowMapper<T> mapper;
    private readonly ClickHouseClient client;
    private readonly BatchIntents intents;
    private readonly DeadLetterPublisher deadLetters;
    private readonly SinkOptions options;
    private readonly ILogger logger;
    private bool sealedSinceCheck;
    private long lastCheck;
    private readonly Func<List<ConsumeResult<Ignore, byte[]?>>, Task<DecodedRecords>> decode;
    private Task<List<Batch>>? writing;
    private CancellationToken stopping;

    public TopicSink(
        string topic,
        ConsumerConfig consumerConfig,
        IDeserializer<T> deserializer,
    IRowMapper<T> mapper,
    ClickHouseClient client,
    BatchIntents intents,
    DeadLetterPublisher deadLetters,
        SinkOptions options,
        ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(consumerConfig);
        this.topic = topic;
        this.deserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
        this.mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.intents = intents ?? throw new ArgumentNullException(nameof(intents));
        this.deadLetters = deadLetters ?? throw new ArgumentNullException(nameof(deadLetters));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
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

            state = new PartitionState(partition, intent);
            partitions.Add(partition, state);
            if (intent is { } range)
            {
                LogRebuild(range.DeduplicationToken);
            }
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
            state.Open = intent is { } range && range.Last >= offset
                ? new Batch(partition, range.First, range.Last, range.FirstTimestampMs, Environment.TickCount64, decode)
                : new Batch(partition, offset, null, null, Environment.TickCount64, decode);
        }

        var batch = state.Open;
        batch.Add(result);
        if (batch.IsComplete || (batch.RequiredLast is null && batch.Records >= options.BatchSize))
        {
            Seal(state);
        }
    }

    /// <summary>Decodes and maps a chunk of a batch on the thread pool: it must not touch the consumer or the partition states.</summary>
    private Task<DecodedRecords> DecodeChunk(List<ConsumeResult<Ignore, byte[]?>> records) =>
        Task.Run(async () =>
        {
            var decoded = new DecodedRecords(new List<object[]>(records.Count), []);
            foreach (var record in records)
            {
                await DecodeAsync(record, decoded, stopping);
            }

            return decoded;
        }, stopping);

    private async Task DecodeAsync(ConsumeResult<Ignore, byte[]?> result, DecodedRecords decoded, CancellationToken cancellationToken)
    {
        var value = result.Message.Value;
        if (value is null)
        {
            decoded.DeadLetters.Add(new DeadLetter(result.TopicPartitionOffset, null, SinkRejectReason.EmptyValue, "The record has no value."));
            return;
        }

        T record;
        try
        {
            var context = new SerializationContext(MessageComponentType.Value, result.Topic, result.Message.Headers);
            record = await RetryOffThreadAsync(_ => Task.FromResult(deserializer.Deserialize(value, false, context)), "decode (Schema Registry)",
                cancellationToken, IsTransient);
        }
        catch (Exception ex) when (!IsTransient(ex) && ex is not OperationCanceledException)
        {
            // Whatever else a decoder throws on these bytes it will throw again: retrying would
            // stop the partition for good, so the record goes to deadletter.
            decoded.DeadLetters.Add(new DeadLetter(result.TopicPartitionOffset, value, RejectReason.MalformedAvro, $"{ex.GetType().Name}: {ex.Message}"));
            return;
        }

        var rows = decoded.Rows;
        var before = rows.Count;
        try
        {
            mapper.AddRows(record, rows);
        }
        catch (InvalidDataException ex)
        {
            rows.RemoveRange(before, rows.Count - before);
            decoded.DeadLetters.Add(new DeadLetter(result.TopicPartitionOffset, value, SinkRejectReason.UnwritableValue, ex.Message));
        }
    }

    /// <summary>Failures of the registry or the network, which pass; not the record's fault.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or TimeoutException or TaskCanceledException
        || (ex is Confluent.SchemaRegistry.SchemaRegistryException registry && registry.Status != System.Net.HttpStatusCode.NotFound);

    private void Seal(PartitionState state)
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
    private List<Batch> SealReady(bool canWrite)
    {
        var now = Environment.TickCount64;
        var timeout = (long)options.BatchTimeout.TotalMilliseconds;
        var ready = new List<Batch>();
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
    private async Task<List<Batch>> WriteAsync(List<Batch> ready, CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        var decoded = await Task.WhenAll(ready.Select(b => b.Decoded!));
        var waited = Environment.TickCount64 - started;
        var letters = decoded.SelectMany(d => d.DeadLetters).ToList();
        if (letters.Count > 0)
        {
            await RetryWriteAsync(ct => deadLetters.PublishAsync(letters, ct), "publish dead letters", cancellationToken);
            LogDeadLetters(letters.Count, letters[0].Reason, letters[0].Detail);
        }

        var withRows = ready.Zip(decoded).Where(b => b.Second.Rows.Count > 0).ToList();
        var recorded = Environment.TickCount64;
        if (withRows.Count > 0)
        {
            await RetryWriteAsync(ct => intents.RecordAsync(withRows.ConvertAll(b => b.First.Range), ct), "record the batch ranges", cancellationToken);
            recorded = Environment.TickCount64;
            await Parallel.ForEachAsync(withRows,
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelInserts, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    var start = Environment.TickCount64;
                    await RetryWriteAsync(c => BatchInsert.InsertAsync(client, mapper, batch.First.Range, batch.Second.Rows, c), "insert into " + mapper.Table, ct);
                    LogInserted(batch.Second.Rows.Count, batch.First.Range.DeduplicationToken, Environment.TickCount64 - start);
                });
        }

        var ended = Environment.TickCount64;
        LogWritten(mapper.Table, withRows.Sum(b => b.Second.Rows.Count), withRows.Count, ended - started, waited, ended - recorded);
        return ready;
    }

    /// <summary>Back on the consumer's thread: commits the written batches and lets their partitions go on.</summary>
    private void Completed(List<Batch> written)
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

    private async Task RetryWriteAsync(Func<CancellationToken, Task> action, string what, CancellationToken cancellationToken) =>
        await RetryOffThreadAsync(async ct =>
        {
            await action(ct);
            return true;
        }, what, cancellationToken);

    /// <summary>Runs <paramref name="action"/> off the consumer's thread until it succeeds, waiting with backoff between attempts.</summary>
    private async Task<TResult> RetryOffThreadAsync<TResult>(Func<CancellationToken, Task<TResult>> action, string what, CancellationToken cancellationToken,
        Func<Exception, bool>? retryable = null)
    {
        var delay = options.RetryInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException && (retryable?.Invoke(ex) ?? true))
            {
                LogRetry(what, attempt, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }

    private void Commit(List<Batch> written)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consume error (retrying): {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding batch {Token} recorded before a restart; its insert is deduplicated if it had landed")]
    private partial void LogRebuild(string token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sent {Count} records to deadletter, e.g. {Reason}: {Detail}")]
    private partial void LogDeadLetters(int count, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed ({Reason}); the rows are written and a replay is deduplicated")]
    private partial void LogCommitFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (attempt {Attempt}), retrying in {DelayMs} ms: {Error}")]
    private partial void LogRetry(string what, int attempt, double delayMs, string error);
}
