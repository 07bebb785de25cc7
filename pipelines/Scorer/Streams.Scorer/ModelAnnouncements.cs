using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// Keeps the <see cref="ModelRegistry"/> that every stream thread consults before each window
/// in step with the compacted <c>models</c> topic (<c>host/</c> keys), and the
/// <see cref="FleetModels"/> with what the scorers publish about hosts they judge themselves
/// (<c>self/</c> keys). Loading an announcement means reading and parsing an artifact file (tens
/// of KB per host), which must not stall a stream thread, so it happens on the reader's thread.
/// </summary>
internal sealed partial class ModelAnnouncements : IDisposable
{
    private const string HostKeyPrefix = "host/";
    private const string SelfKeyPrefix = "self/";
    private readonly ModelRegistry registry;
    private readonly FleetModels fleet;
    private readonly ILogger logger;
    private readonly CompactedTopicReader reader;

    public ModelAnnouncements(string bootstrapServers, ModelRegistry registry, FleetModels fleet, ILogger logger)
    {
        this.registry = registry;
        this.fleet = fleet;
        this.logger = logger;
        reader = new CompactedTopicReader(bootstrapServers, TopicCatalogue.Models.Name, TopicCatalogue.Models.Partitions, Apply, logger);
    }

    /// <summary>Reads until the end of every partition (or the timeout): the models announced so far.</summary>
    public void CatchUp(TimeSpan timeout, CancellationToken cancellationToken) => reader.CatchUp(timeout, cancellationToken);

    /// <summary>Applies announcements as they come until cancelled.</summary>
    public void Run(CancellationToken cancellationToken) => reader.Run(cancellationToken);

    public void Dispose() => reader.Dispose();

    private void Apply(string key, byte[]? value)
    {
        if (key.StartsWith(SelfKeyPrefix, StringComparison.Ordinal))
        {
            ApplySelf(key, value);
            return;
        }

        if (!key.StartsWith(HostKeyPrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (value is null)
        {
            registry.Remove(key[HostKeyPrefix.Length..]);
            return;
        }

        try
        {
            var announced = ModelMetadata.FromJson(Encoding.UTF8.GetString(value));
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

    // The artifact is in the record: nothing to read from an announced path; the fleet keeps it in
    // a file, and the stream thread that adopts it reads and parses it once, when it first meets the host without state.
    private void ApplySelf(string key, byte[]? value)
    {
        if (value is null)
        {
            fleet.Remove(key[SelfKeyPrefix.Length..]);
            return;
        }

        // The record goes to a file of the fleet's folder: a full or unwritable disk leaves the host
        // to learn from zero wherever it moves, which is logged, not a reason to stop reading.
        try
        {
            fleet.Publish(ModelMetadata.FromJson(Encoding.UTF8.GetString(value)));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            LogUnusable(key, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scorer loaded model {Name} version {Version} ({Features} features)")]
    private partial void LogLoaded(string name, string version, int features);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scorer cannot use the announcement of {Name}: {Reason}")]
    private partial void LogUnusable(string name, string reason);
}
