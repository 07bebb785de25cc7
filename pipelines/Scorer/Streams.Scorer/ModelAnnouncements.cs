using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// Reads the compacted <c>models</c> topic from the start into the <see cref="ModelRegistry"/>
/// that every stream thread consults before each window. A plain consumer rather than a
/// Streamiz GlobalKTable: loading an announcement means reading and parsing an artifact file
/// (tens of KB per host), which must not stall a stream thread, and the transformer needs the
/// parsed detector by host, not a join. Every instance reads every announcement: no group
/// offsets are committed, the partitions are assigned, not subscribed.
/// </summary>
internal sealed partial class ModelAnnouncements(string bootstrapServers, ModelRegistry registry, ILogger logger) : IDisposable
{
    private readonly IConsumer<string, byte[]> consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "streams-scorer-models-" + Guid.NewGuid().ToString("N"),
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = true,
    }).Build();

    /// <summary>Reads until the end of every partition (or the timeout): the models announced so far.</summary>
    public void CatchUp(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var partitions = Enumerable.Range(0, TopicCatalogue.Models.Partitions).Select(p => new TopicPartitionOffset(TopicCatalogue.Models.Name, p, Offset.Beginning)).ToList();
        consumer.Assign(partitions);
        var atEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (atEnd.Count < partitions.Count && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            if (Next(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: true } eof)
            {
                atEnd.Add(eof.Partition.Value);
            }
        }

        if (atEnd.Count < partitions.Count)
        {
            LogCatchUpTimedOut(TopicCatalogue.Models.Name, timeout, registry.Count);
        }
    }

    /// <summary>Applies announcements as they come until cancelled.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Next(TimeSpan.FromMilliseconds(500));
        }
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
            if (result is { IsPartitionEOF: false, Message: { } message })
            {
                Apply(message);
            }

            return result;
        }
        catch (ConsumeException ex)
        {
            // An unknown topic (not created yet) or a broker away: keep polling.
            LogConsumeError(ex.Error.Reason);
            Thread.Sleep(200);
            return null;
        }
    }

    private void Apply(Message<string, byte[]> message)
    {
        const string prefix = "host/";
        if (message.Key is not { } key || !key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (message.Value is null)
        {
            registry.Remove(key[prefix.Length..]);
            return;
        }

        try
        {
            var announced = ModelMetadata.FromJson(Encoding.UTF8.GetString(message.Value));
            var path = announced.ArtifactPath ?? throw new InvalidDataException("the announcement has no artifactPath");
            var (_, bytes) = ModelArtifactStore.Read(path);
            var detector = HostDetectorArtifact.Deserialize(bytes);
            if (registry.Publish(announced.Host, new HostModel(announced.Name, announced.Version, detector)))
            {
                LogLoaded(announced.Name, announced.Version, detector.FeatureNames.Count);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            LogUnusable(key, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scorer loaded model {Name} version {Version} ({Features} features)")]
    private partial void LogLoaded(string name, string version, int features);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scorer cannot use the announcement of {Name}: {Reason}")]
    private partial void LogUnusable(string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scorer did not reach the end of {Topic} in {Timeout}; starting with {Count} models")]
    private partial void LogCatchUpTimedOut(string topic, TimeSpan timeout, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scorer models consumer: {Reason}")]
    private partial void LogConsumeError(string reason);
}
