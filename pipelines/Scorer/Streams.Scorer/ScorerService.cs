using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// The <c>scorer</c> role: reads the announced models and the scorers' own, then runs <see cref="ScorerTopology"/>
/// with Streamiz until the host stops, while new announcements are swapped in as they arrive.
/// </summary>
internal sealed partial class ScorerService(
    IOptions<ScorerOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers) : StreamizService(kafka, loggers)
{
    /// <summary>The folder, in the state directory, of the records of <see cref="Fleet"/>.</summary>
    public const string FleetFolder = "fleet-models";

    private readonly ILogger logger = loggers.CreateLogger<ScorerService>();

    public ModelRegistry Models { get; } = new();

    public ScorerStatus Status { get; } = new(oversized: model => LogOversized(loggers.CreateLogger<ScorerService>(), model.Host, model.Version, model.Features, model.Bytes, model.Limit));

    /// <summary>What the scorers published about the hosts they judge themselves: adoptable models (on disk, beside the state stores) and fleet priors.</summary>
    public FleetModels Fleet { get; } = new(options.Value.ColdStart, Path.Combine(options.Value.StateDir, FleetFolder));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var metrics = new ScorerMetrics(Status, Models);
        using var announcements = new ModelAnnouncements(Kafka.BootstrapServers, Models, Fleet, logger);
        await Task.Run(() => announcements.CatchUp(settings.ModelsCatchUpTimeout, stoppingToken), stoppingToken).ConfigureAwait(false);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reading = Task.Run(() => announcements.Run(stopReading.Token), CancellationToken.None);
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        try
        {
            await RunStreamAsync(settings, () => ScorerTopology.Build(registryClient, settings, Models, Status, Fleet), stoppingToken, LogStatusAsync).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }

        async Task LogStatusAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(settings.StatusLogInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                LogStatus(Status.LearningHosts, Status.ScoringHosts, Models.Count, Status.WindowsScored, Status.Anomalies);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scorer: the model {Version} of {Host} ({Features} features) takes {Bytes} bytes as a record, over Scorer:MaxRecordBytes {Limit}: it scores from memory, is not stored (a restart retrains it) and is published without its artifact (no other scorer can adopt it). Raise the producers' and brokers' message.max.bytes and Scorer:MaxRecordBytes together, or give the host fewer series")]
    private static partial void LogOversized(ILogger logger, string host, string version, int features, long bytes, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scorer: {Learning} hosts learning, {Scoring} scoring, {Models} announced models; {Windows} windows scored, {Anomalies} anomalies")]
    private partial void LogStatus(int learning, int scoring, int models, long windows, long anomalies);
}
