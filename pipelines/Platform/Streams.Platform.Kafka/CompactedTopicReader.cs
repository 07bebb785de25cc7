using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Kafka;

/// <summary>
/// Reads a compacted configuration topic (<c>models</c>, <c>alert-rules</c>) from the start into
/// whatever view the caller keeps, then follows it. Every instance reads every record: the
/// partitions are assigned, not subscribed, and no group offsets are committed, so ten
/// instances of a role see the same rules and models without a database. A plain consumer
/// rather than a Streamiz GlobalKTable because the views are looked up by other keys than the
/// record's (every rule for a host, a model's parsed artifact), not joined.
/// </summary>
public sealed partial class CompactedTopicReader : IDisposable
{
    private readonly IConsumer<string, byte[]> consumer;
    private readonly string topic;
    private readonly int partitions;
    private readonly Action<string, byte[]?> apply;
    private readonly ILogger logger;

    /// <param name="bootstrapServers">Kafka to read from.</param>
    /// <param name="topic">The compacted topic.</param>
    /// <param name="partitions">Its partition count (from the catalogue).</param>
    /// <param name="apply">Called for each record, in offset order per partition: the key and the value, null for a tombstone. Records without a key are skipped.</param>
    /// <param name="logger">Where consume errors and a slow catch-up are logged.</param>
    public CompactedTopicReader(string bootstrapServers, string topic, int partitions, Action<string, byte[]?> apply, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(logger);
        this.topic = topic;
        this.partitions = partitions;
        this.apply = apply;
        this.logger = logger;
        consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Never joins: assigned partitions only. librdkafka still wants a group id.
            GroupId = "streams-reader-" + topic + "-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 100,
        }).Build();
    }

    /// <summary>Reads until the end of every partition or the timeout; returns whether it got to the end.</summary>
    public bool CatchUp(TimeSpan timeout, CancellationToken cancellationToken)
    {
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < partitions && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (Next(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: true } eof)
            {
                atEnd.Add(eof.Partition.Value);
            }
        }

        if (atEnd.Count < partitions)
        {
            LogCatchUpTimedOut(topic, timeout);
            return false;
        }

        return true;
    }

    /// <summary>Applies records as they come until cancelled. Call <see cref="CatchUp"/> first.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Next(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Catches up, then follows on a background thread until <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>Whether the catch-up reached the end, and the task that follows.</returns>
    public async Task<(bool CaughtUp, Task Following)> StartAsync(TimeSpan catchUpTimeout, CancellationToken cancellationToken)
    {
        var caughtUp = await Task.Run(() => CatchUp(catchUpTimeout, cancellationToken), cancellationToken).ConfigureAwait(false);
        var following = Task.Factory.StartNew(() => Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return (caughtUp, following);
    }

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }

    private ConsumeResult<string, byte[]>? Next(TimeSpan timeout)
    {
        try
        {
            var result = consumer.Consume(timeout);
            if (result is { IsPartitionEOF: false, Message: { Key: { } key } message })
            {
                apply(key, message.Value);
            }

            return result;
        }
        catch (ConsumeException ex)
        {
            // An unknown topic (not created yet) or a broker away: keep polling.
            LogConsumeError(topic, ex.Error.Reason);
            Thread.Sleep(200);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not reach the end of {Topic} in {Timeout}; starting with what was read")]
    private partial void LogCatchUpTimedOut(string topic, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading {Topic}: {Reason}")]
    private partial void LogConsumeError(string topic, string reason);
}
